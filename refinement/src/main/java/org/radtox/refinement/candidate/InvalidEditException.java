package org.radtox.refinement.candidate;

/** An edit that cannot be applied: unknown symptom, a phrase that does not compile, a grade CTCAE does not define. */
public class InvalidEditException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidEditException(String message) {
        super(message);
    }
}
