package org.radtox.fhir.notetext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DocumentReference;
import org.junit.jupiter.api.Test;
import org.radtox.fhir.notetext.UnreadableNoteTextException.Problem;

class NoteTextExtractorTest {

    private static final NoteTextExtractor EXTRACTOR = NoteTextExtractor.builder().build();

    // ---- fixtures: small named notes in every format ----

    private static final String PLAIN = "Week 5 of 28 fx. Up 3x at night, denies hematuria. Burning \u2014 mild, caf\u00e9 avoided.";
    private static final String LATIN1 = "Urgence mictionnelle, br\u00fblures \u00e0 la miction, pas d'h\u00e9maturie.";
    private static final String HTML = """
            <html><head><title>Progress note</title><style>p { color: red }</style></head>
            <body><h2>Assessment</h2>
            <p>Nocturia x3 &amp; urgency,
               q1h.</p><p>Denies&nbsp;hematuria.<br>Dysuria &lt;grade 1&gt;.</p>
            <script>var hidden = "not text";</script>
            <ul><li>Tamsulosin 0.4 mg</li><li>Loperamide prn</li></ul></body></html>""";
    private static final String HTML_TEXT = """
            Assessment
            Nocturia x3 & urgency, q1h.
            Denies hematuria.
            Dysuria <grade 1>.
            Tamsulosin 0.4 mg
            Loperamide prn""";
    private static final String RTF = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Helvetica;}}"
            + "\\f0\\pard Up 3x at night to void.\\par Caf\\'e9 avoided, {\\b no} hematuria.\\par}";
    private static final String RTF_TEXT = "Up 3x at night to void.\nCaf\u00e9 avoided, no hematuria.";

    // ---- formats ----

    @Test
    void plainUtf8IsReadAsWrittenWithoutACharset() {
        NoteText text = EXTRACTOR.extract(doc(inline("text/plain", PLAIN.getBytes(StandardCharsets.UTF_8))), BinaryResolver.NONE);
        assertEquals(new NoteText(PLAIN, "text/plain", 0), text);
    }

    @Test
    void aUtf8ByteOrderMarkIsNotPartOfTheText() {
        byte[] withBom = ("\uFEFF" + PLAIN).getBytes(StandardCharsets.UTF_8);
        assertEquals(PLAIN, EXTRACTOR.extract(doc(inline("text/plain; charset=utf-8", withBom)), BinaryResolver.NONE).text());
    }

    @Test
    void theCharsetOfTheContentTypeIsUsed() {
        byte[] latin1 = LATIN1.getBytes(StandardCharsets.ISO_8859_1);
        NoteText text = EXTRACTOR.extract(doc(inline("text/plain; charset=\"ISO-8859-1\"", latin1)), BinaryResolver.NONE);
        assertEquals(LATIN1, text.text());
        assertEquals("text/plain; charset=\"ISO-8859-1\"", text.contentType());
    }

    @Test
    void htmlLosesItsTagsKeepsItsLinesAndDecodesEntities() {
        NoteText text = EXTRACTOR.extract(doc(inline("text/html; charset=UTF-8", HTML.getBytes(StandardCharsets.UTF_8))),
                BinaryResolver.NONE);
        assertEquals(HTML_TEXT, text.text());
    }

    @Test
    void htmlPreformattedTextKeepsItsLayout() {
        String html = "<p>ROS:</p><pre>GU:  + nocturia\nGI:  - diarrhea</pre>";
        assertEquals("ROS:\nGU:  + nocturia\nGI:  - diarrhea",
                EXTRACTOR.extract(doc(inline("text/html", html.getBytes(StandardCharsets.UTF_8))), BinaryResolver.NONE).text());
    }

    @Test
    void htmlTableCellsStaySeparateWordsAndRowsSeparateLines() {
        String html = "<table><tr><th>Symptom</th><th>Grade</th></tr><tr><td>Nocturia</td><td>2</td></tr></table>";
        assertEquals("Symptom Grade\nNocturia 2",
                EXTRACTOR.extract(doc(inline("text/html", html.getBytes(StandardCharsets.UTF_8))), BinaryResolver.NONE).text());
    }

    @Test
    void rtfIsReadWithTheJdkReader() {
        for (String type : new String[] {"application/rtf", "text/rtf"}) {
            NoteText text = EXTRACTOR.extract(doc(inline(type, RTF.getBytes(StandardCharsets.US_ASCII))), BinaryResolver.NONE);
            assertEquals(RTF_TEXT, text.text(), type);
        }
    }

    @Test
    void aPdfWithATextLayerIsRead() {
        byte[] pdf = pdf("Week 5 of 28 fx.", "Up 3x at night, denies hematuria.");
        NoteText text = EXTRACTOR.extract(doc(inline("application/pdf", pdf)), BinaryResolver.NONE);
        assertEquals("Week 5 of 28 fx.\nUp 3x at night, denies hematuria.", text.text());
        assertEquals("application/pdf", text.contentType());
    }

    // ---- where the bytes come from ----

    @Test
    void aBinaryByUrlIsResolvedAndItsContentTypeUsedWhenTheAttachmentHasNone() {
        Binary binary = binary("text/plain; charset=ISO-8859-1", LATIN1.getBytes(StandardCharsets.ISO_8859_1));
        DocumentReference doc = doc(new Attachment().setUrl("Binary/123"));
        NoteText text = EXTRACTOR.extract(doc, resolver(Map.of("Binary/123", binary)));
        assertEquals(LATIN1, text.text());
        assertEquals("text/plain; charset=ISO-8859-1", text.contentType());
    }

    @Test
    void theBinarysCharsetCompletesAnAttachmentTypeWithoutOne() {
        Binary binary = binary("text/plain; charset=ISO-8859-1", LATIN1.getBytes(StandardCharsets.ISO_8859_1));
        DocumentReference doc = doc(new Attachment().setContentType("text/plain").setUrl("http://radtox.local/fhir/Binary/9"));
        assertEquals(LATIN1, EXTRACTOR.extract(doc, resolver(Map.of("http://radtox.local/fhir/Binary/9", binary))).text());
    }

    @Test
    void plainTextIsPreferredThenHtmlThenRtfThenPdf() {
        Attachment pdf = inline("application/pdf", pdf("PDF version"));
        Attachment rtf = inline("text/rtf", "{\\rtf1\\ansi RTF version\\par}".getBytes(StandardCharsets.US_ASCII));
        Attachment html = inline("text/html", "<p>HTML version</p>".getBytes(StandardCharsets.UTF_8));
        Attachment plain = inline("text/plain", "Plain version".getBytes(StandardCharsets.UTF_8));

        assertEquals(new NoteText("Plain version", "text/plain", 3),
                EXTRACTOR.extract(doc(pdf, rtf, html, plain), BinaryResolver.NONE));
        assertEquals(new NoteText("HTML version", "text/html", 2),
                EXTRACTOR.extract(doc(pdf, rtf, html), BinaryResolver.NONE));
        assertEquals(new NoteText("RTF version", "text/rtf", 1), EXTRACTOR.extract(doc(pdf, rtf), BinaryResolver.NONE));
        assertEquals("PDF version", EXTRACTOR.extract(doc(inline("image/png", new byte[] {1}), pdf), BinaryResolver.NONE).text());
    }

    @Test
    void aBinaryIsNotLoadedWhenAPreferredEntryIsRead() {
        Attachment pdfByUrl = new Attachment().setContentType("application/pdf").setUrl("Binary/pdf");
        Attachment plain = inline("text/plain", "Plain version".getBytes(StandardCharsets.UTF_8));
        assertEquals("Plain version", EXTRACTOR.extract(doc(pdfByUrl, plain),
                url -> fail("the PDF Binary is not needed")).text());
    }

    @Test
    void whenThePreferredEntryCannotBeReadTheNextOneIs() {
        Attachment missing = new Attachment().setContentType("text/plain").setUrl("Binary/gone");
        Attachment html = inline("text/html", "<p>Nocturia x2</p>".getBytes(StandardCharsets.UTF_8));
        assertEquals(new NoteText("Nocturia x2", "text/html", 1), EXTRACTOR.extract(doc(missing, html), BinaryResolver.NONE));
    }

    // ---- every reason an operator may read ----

    @Test
    void noContent() {
        assertReason(Problem.NO_CONTENT, "has no content", new DocumentReference(), BinaryResolver.NONE);
    }

    @Test
    void neitherDataNorUrl() {
        assertReason(Problem.NO_CONTENT, "content[0]: attachment has neither data nor url",
                doc(new Attachment().setContentType("text/plain")), BinaryResolver.NONE);
    }

    @Test
    void aUrlTheServerDoesNotHave() {
        assertReason(Problem.UNRESOLVED_URL, "attachment url 'Binary/404' does not resolve to a Binary on this server",
                doc(new Attachment().setContentType("text/plain").setUrl("Binary/404")), BinaryResolver.NONE);
    }

    @Test
    void aBinaryWithoutData() {
        Binary empty = new Binary().setContentType("text/plain");
        assertReason(Problem.UNRESOLVED_URL, "Binary 'Binary/7' has no data",
                doc(new Attachment().setContentType("text/plain").setUrl("Binary/7")), resolver(Map.of("Binary/7", empty)));
    }

    @Test
    void anUnsupportedContentTypeListsWhatIsSupported() {
        UnreadableNoteTextException e = assertReason(Problem.UNSUPPORTED_CONTENT_TYPE, "content[0] is image/jpeg",
                doc(inline("image/jpeg", new byte[] {1, 2, 3})), BinaryResolver.NONE);
        assertTrue(e.getMessage().contains("supported: text/plain, text/html, application/rtf, text/rtf, application/pdf"),
                e.getMessage());
    }

    @Test
    void anAttachmentWithoutAContentType() {
        assertReason(Problem.UNSUPPORTED_CONTENT_TYPE, "content[0] has no contentType",
                doc(new Attachment().setData("x".getBytes(StandardCharsets.UTF_8))), BinaryResolver.NONE);
    }

    @Test
    void invalidUtf8() {
        byte[] latin1 = LATIN1.getBytes(StandardCharsets.ISO_8859_1);
        UnreadableNoteTextException e = assertReason(Problem.BAD_ENCODING, "attachment is not valid UTF-8",
                doc(inline("text/plain", latin1)), BinaryResolver.NONE);
        assertTrue(e.getMessage().contains("names no charset, so UTF-8 was assumed"), e.getMessage());
    }

    @Test
    void bytesNotValidInTheNamedCharset() {
        byte[] notAscii = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
        assertReason(Problem.BAD_ENCODING, "attachment is not valid US-ASCII",
                doc(inline("text/plain; charset=us-ascii", notAscii)), BinaryResolver.NONE);
    }

    @Test
    void anUnknownCharset() {
        assertReason(Problem.BAD_ENCODING, "unknown charset 'klingon-8' in content type 'text/plain; charset=klingon-8'",
                doc(inline("text/plain; charset=klingon-8", "x".getBytes(StandardCharsets.UTF_8))), BinaryResolver.NONE);
    }

    @Test
    void aPdfWithoutATextLayer() {
        assertReason(Problem.NO_TEXT_LAYER, "PDF has no text layer (a scanned image?); OCR is not supported",
                doc(inline("application/pdf", pdf())), BinaryResolver.NONE);
    }

    @Test
    void aPdfThatIsNotOne() {
        assertReason(Problem.MALFORMED, "PDF could not be read",
                doc(inline("application/pdf", "not a pdf".getBytes(StandardCharsets.UTF_8))), BinaryResolver.NONE);
    }

    @Test
    void anRtfThatIsNotOne() {
        assertReason(Problem.MALFORMED, "does not start with '{\\rtf'",
                doc(inline("application/rtf", "plain words".getBytes(StandardCharsets.UTF_8))), BinaryResolver.NONE);
    }

    @Test
    void anAttachmentOverTheLimitNamesSizeAndLimit() {
        NoteTextExtractor small = NoteTextExtractor.builder().maxAttachmentBytes(10).build();
        UnreadableNoteTextException e = assertThrows(UnreadableNoteTextException.class,
                () -> small.extract(doc(inline("text/plain", "twelve bytes".getBytes(StandardCharsets.UTF_8))), BinaryResolver.NONE));
        assertEquals(Problem.TOO_LARGE, e.problem());
        assertEquals("content[0]: attachment is 12 bytes, over the limit of 10 bytes", e.getMessage());
    }

    @Test
    void aDeclaredSizeOverTheLimitIsRefusedBeforeTheBinaryIsLoaded() {
        NoteTextExtractor small = NoteTextExtractor.builder().maxAttachmentBytes(1000).build();
        DocumentReference doc = doc(new Attachment().setContentType("text/plain").setUrl("Binary/big").setSize(50_000_000));
        UnreadableNoteTextException e = assertThrows(UnreadableNoteTextException.class,
                () -> small.extract(doc, url -> fail("the Binary of an oversized attachment is not loaded")));
        assertEquals(Problem.TOO_LARGE, e.problem());
        assertTrue(e.getMessage().contains("50000000 bytes, over the limit of 1000 bytes"), e.getMessage());
    }

    @Test
    void theDefaultLimitIsFiveMegabytes() {
        assertEquals(5L * 1024 * 1024, EXTRACTOR.maxAttachmentBytes());
        assertThrows(IllegalArgumentException.class, () -> NoteTextExtractor.builder().maxAttachmentBytes(0));
    }

    @Test
    void anEmptyText() {
        assertReason(Problem.EMPTY_TEXT, "content[0] (text/plain) is empty",
                doc(inline("text/plain", " \n\t ".getBytes(StandardCharsets.UTF_8))), BinaryResolver.NONE);
        assertReason(Problem.EMPTY_TEXT, "is empty",
                doc(inline("text/html", "<p> </p><br>".getBytes(StandardCharsets.UTF_8))), BinaryResolver.NONE);
    }

    @Test
    void whenNoEntryCanBeReadThePreferredReasonComesFirstAndTheOthersFollow() {
        Attachment missing = new Attachment().setContentType("text/plain").setUrl("Binary/gone");
        Attachment scan = inline("application/pdf", pdf());
        UnreadableNoteTextException e = assertThrows(UnreadableNoteTextException.class,
                () -> EXTRACTOR.extract(doc(scan, missing), BinaryResolver.NONE));
        assertEquals(Problem.UNRESOLVED_URL, e.problem());
        assertTrue(e.getMessage().startsWith("content[1]: attachment url 'Binary/gone'"), e.getMessage());
        assertTrue(e.getMessage().contains("also tried content[0] (application/pdf): PDF has no text layer"), e.getMessage());
    }

    // ---- helpers ----

    private static UnreadableNoteTextException assertReason(Problem problem, String reason, DocumentReference doc,
                                                           BinaryResolver binaries) {
        UnreadableNoteTextException e = assertThrows(UnreadableNoteTextException.class, () -> EXTRACTOR.extract(doc, binaries));
        assertEquals(problem, e.problem(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
        return e;
    }

    private static DocumentReference doc(Attachment... attachments) {
        DocumentReference doc = new DocumentReference();
        for (Attachment a : attachments) {
            doc.addContent().setAttachment(a);
        }
        return doc;
    }

    private static Attachment inline(String contentType, byte[] data) {
        return new Attachment().setContentType(contentType).setData(data);
    }

    private static Binary binary(String contentType, byte[] data) {
        return new Binary().setContentType(contentType).setData(data);
    }

    private static BinaryResolver resolver(Map<String, Binary> binaries) {
        return url -> Optional.ofNullable(binaries.get(url));
    }

    /** A one-page PDF with these lines in its text layer; no lines gives a blank page, as a scan without OCR. */
    static byte[] pdf(String... lines) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            pdf.addPage(page);
            if (lines.length > 0) {
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.setLeading(16);
                    content.newLineAtOffset(72, 720);
                    for (String line : lines) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
