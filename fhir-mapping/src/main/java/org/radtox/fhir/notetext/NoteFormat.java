package org.radtox.fhir.notetext;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The formats a note's text can be read from, in order of preference: plain text is what the clinician
 * wrote, HTML and RTF are that text with markup, and a PDF's text layer may come out in layout order.
 */
enum NoteFormat {
    PLAIN("text/plain"),
    HTML("text/html"),
    RTF("application/rtf", "text/rtf"),
    PDF("application/pdf");

    private final List<String> mediaTypes;

    NoteFormat(String... mediaTypes) {
        this.mediaTypes = List.of(mediaTypes);
    }

    static Optional<NoteFormat> of(ContentType type) {
        return Arrays.stream(values()).filter(f -> f.mediaTypes.contains(type.mediaType())).findFirst();
    }

    /** "text/plain, text/html, application/rtf, text/rtf, application/pdf": for reasons. */
    static String supported() {
        return Arrays.stream(values()).flatMap(f -> f.mediaTypes.stream()).collect(Collectors.joining(", "));
    }

    String read(byte[] bytes, ContentType type) {
        return switch (this) {
            case PLAIN -> TextDecoder.decode(bytes, type);
            case HTML -> HtmlToText.text(TextDecoder.decode(bytes, type));
            case RTF -> RtfToText.text(bytes);
            case PDF -> PdfToText.text(bytes);
        };
    }
}
