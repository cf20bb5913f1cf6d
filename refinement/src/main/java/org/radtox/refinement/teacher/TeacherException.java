package org.radtox.refinement.teacher;

/** A teacher that could not answer: unreachable, refused by the PHI guard, or answering in the wrong shape. */
public class TeacherException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TeacherException(String message) {
        super(message);
    }

    public TeacherException(String message, Throwable cause) {
        super(message, cause);
    }
}
