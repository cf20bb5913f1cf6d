package org.radtox.fhir.notetext;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

import org.radtox.fhir.notetext.UnreadableNoteTextException.Problem;

/**
 * Bytes to text in the charset the content type names, UTF-8 when it names none. Strict: a byte that is
 * not valid in the charset is refused, not replaced by U+FFFD, because a silently garbled note would be
 * extracted as if it were right.
 */
final class TextDecoder {

    private static final char BOM = '\uFEFF';

    private TextDecoder() {
    }

    static String decode(byte[] bytes, ContentType type) {
        Charset charset = charset(type);
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer text;
        try {
            text = decoder.decode(in);
        } catch (CharacterCodingException e) {
            throw new UnreadableNoteTextException(Problem.BAD_ENCODING, "attachment is not valid " + charset.name()
                    + " (byte " + in.position() + " of " + bytes.length + ")"
                    + (type.charset() == null ? "; its content type '" + type.declared()
                    + "' names no charset, so UTF-8 was assumed" : ""));
        }
        // A byte-order mark is an encoding artefact, not note text.
        return text.length() > 0 && text.charAt(0) == BOM ? text.subSequence(1, text.length()).toString() : text.toString();
    }

    private static Charset charset(ContentType type) {
        if (type.charset() == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(type.charset());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnreadableNoteTextException(Problem.BAD_ENCODING, "unknown charset '" + type.charset()
                    + "' in content type '" + type.declared() + "'");
        }
    }
}
