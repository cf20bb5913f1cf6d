package org.radtox.fhir.notetext;

import java.util.Objects;

/**
 * A note whose text cannot be read. The message is the reason, written for the operator who lists
 * failed jobs ("PDF has no text layer (a scanned image?); OCR is not supported"); {@link #problem()}
 * lets the server choose a status code without parsing the message.
 */
public class UnreadableNoteTextException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of problem it is; the message says the particulars. */
    public enum Problem {
        /** No {@code content} entry, or an attachment with neither data nor url. */
        NO_CONTENT,
        /** {@code attachment.url} names a Binary the server does not have, or one without data. */
        UNRESOLVED_URL,
        /** Larger than the configured limit (an HTTP server answers 413). */
        TOO_LARGE,
        /** A content type RadTox cannot read, or none. */
        UNSUPPORTED_CONTENT_TYPE,
        /** A charset this JVM does not know, or bytes that are not valid in the named charset. */
        BAD_ENCODING,
        /** Data that is not what its content type says (invalid base64, a broken PDF or RTF). */
        MALFORMED,
        /** A PDF with no text layer: a scanned image. */
        NO_TEXT_LAYER,
        /** The attachment reads as empty or blank text. */
        EMPTY_TEXT
    }

    private final Problem problem;

    public UnreadableNoteTextException(Problem problem, String reason) {
        super(reason);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Problem problem() {
        return problem;
    }
}
