package org.radtox.student;

/**
 * The student cannot answer now for a reason that is not the note's: its model server is down, times out,
 * refuses the key or does not know the model. The same note will read fine once the cause is gone, so a
 * caller waits and tries again (it does not count the failure against the note, nor give the note up).
 */
public class StudentUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StudentUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
