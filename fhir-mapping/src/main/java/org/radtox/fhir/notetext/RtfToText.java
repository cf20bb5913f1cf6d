package org.radtox.fhir.notetext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.swing.text.BadLocationException;
import javax.swing.text.Document;
import javax.swing.text.rtf.RTFEditorKit;

import org.radtox.fhir.notetext.UnreadableNoteTextException.Problem;

/**
 * The text of an RTF note, through the JDK's own RTF reader: no extra dependency, and it understands
 * the control words word processors and EHR exports write (RTF is 7-bit; {@code \'e9} escapes carry the
 * code page's characters). Needs no display: the editor kit only builds a document model.
 */
final class RtfToText {

    private static final String MAGIC = "{\\rtf";

    private RtfToText() {
    }

    static String text(byte[] bytes) {
        // The JDK reader turns anything into some text, so check that this is RTF at all.
        String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1).stripLeading();
        if (!head.startsWith(MAGIC)) {
            throw new UnreadableNoteTextException(Problem.MALFORMED,
                    "attachment declared as RTF does not start with '" + MAGIC + "'; it is not an RTF document");
        }
        RTFEditorKit kit = new RTFEditorKit();
        Document doc = kit.createDefaultDocument();
        try {
            kit.read(new ByteArrayInputStream(bytes), doc, 0);
            return doc.getText(0, doc.getLength()).strip();
        } catch (IOException | BadLocationException | RuntimeException e) {
            throw new UnreadableNoteTextException(Problem.MALFORMED, "RTF could not be read: " + e);
        }
    }
}
