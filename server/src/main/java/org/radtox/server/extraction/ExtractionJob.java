package org.radtox.server.extraction;

/**
 * One note version to extract with one student version: a row of the outbox, as claimed by a worker.
 *
 * @param claimedBy the worker holding the job; completion checks it still does (see {@link ExtractionQueue#complete})
 */
public record ExtractionJob(long id, String noteId, long noteVersion, String studentVersion, int attempts, String claimedBy) {

    /** The note version this job reads, as a versioned reference ({@code DocumentReference/1/_history/2}). */
    public String noteReference() {
        return "DocumentReference/" + noteId + "/_history/" + noteVersion;
    }
}
