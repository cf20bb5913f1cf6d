package org.radtox.server.extraction;

/** One note version to extract with one student version: a row of the outbox. */
public record ExtractionJob(long id, String noteId, long noteVersion, String studentVersion, int attempts) {
}
