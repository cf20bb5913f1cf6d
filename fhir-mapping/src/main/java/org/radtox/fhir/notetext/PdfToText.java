package org.radtox.fhir.notetext;

import java.io.IOException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.radtox.fhir.notetext.UnreadableNoteTextException.Problem;

/**
 * The text layer of a PDF note, through PDFBox. A PDF without one (a scan) is refused with that reason:
 * RadTox does no OCR, and guessing at an image's words would break the evidence guarantee.
 */
final class PdfToText {

    private PdfToText() {
    }

    static String text(byte[] bytes) {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            PDFTextStripper stripper = new PDFTextStripper();
            // Reading order of the page rather than of the content stream, and the same line ends on every OS
            // (evidence offsets must not depend on where the server runs).
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            String text = stripper.getText(pdf).strip();
            if (text.isEmpty()) {
                throw new UnreadableNoteTextException(Problem.NO_TEXT_LAYER,
                        "PDF has no text layer (a scanned image?); OCR is not supported");
            }
            return text;
        } catch (InvalidPasswordException e) {
            throw new UnreadableNoteTextException(Problem.MALFORMED, "PDF is password-protected; it cannot be read");
        } catch (IOException e) {
            throw new UnreadableNoteTextException(Problem.MALFORMED, "PDF could not be read: " + e.getMessage());
        }
    }
}
