package org.radtox.student;

/** A note the student refuses, with a reason an operator can act on (empty, too large, ...). */
public class UnreadableNoteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnreadableNoteException(String reason) {
        super(reason);
    }
}
