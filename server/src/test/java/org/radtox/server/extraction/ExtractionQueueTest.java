package org.radtox.server.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The outbox on its own: claiming in batches, leases, and completion only by the worker that holds a job. */
class ExtractionQueueTest {

    private JdbcDataSource db;

    @BeforeEach
    void freshDatabase() {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:queue-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }

    private ExtractionQueue queue(Duration lease) {
        ExtractionQueue q = new ExtractionQueue(db, new DataSourceTransactionManager(db), lease, 5);
        q.createTable();
        return q;
    }

    @Test
    void aBatchClaimTakesTheOldestReadyJobsAndNoJobTwice() {
        ExtractionQueue q = queue(Duration.ofMinutes(2));
        for (int i = 1; i <= 5; i++) {
            q.enqueue("n" + i, 1, "embedded@x");
        }
        List<ExtractionJob> first = q.claim("worker-a", 3);
        List<ExtractionJob> second = q.claim("worker-b", 3);
        assertEquals(List.of("n1", "n2", "n3"), first.stream().map(ExtractionJob::noteId).toList());
        assertEquals(List.of("n4", "n5"), second.stream().map(ExtractionJob::noteId).toList());
        assertTrue(q.claim("worker-c", 3).isEmpty(), "every job is held");
        Set<Long> ids = new HashSet<>();
        first.forEach(j -> ids.add(j.id()));
        second.forEach(j -> ids.add(j.id()));
        assertEquals(5, ids.size());
    }

    @Test
    void aWorkerWhoseLeaseRanOutCannotCompleteTheJobAnotherTookOver() throws Exception {
        ExtractionQueue q = queue(Duration.ofMillis(1));
        q.enqueue("n1", 1, "embedded@x");
        ExtractionJob slow = q.claim("worker-slow", 1).get(0);
        Thread.sleep(20);
        ExtractionJob takeover = q.claim("worker-fast", 1).get(0);
        assertEquals(slow.id(), takeover.id());
        assertEquals(2, takeover.attempts(), "a job taken again is marked as a retry, so its writes are conditional");
        assertFalse(q.complete(slow), "the slow worker no longer holds the job: its transaction must roll back");
        assertTrue(q.complete(takeover));
        assertEquals(1L, q.counts().get(ExtractionQueue.State.DONE));
    }

    @Test
    void aJobPutBackBecauseTheStudentIsUnavailableKeepsItsAttempts_however_oftenItWaits() {
        ExtractionQueue q = queue(Duration.ofMinutes(2));
        q.enqueue("n1", 1, "llm@x");
        for (int outage = 0; outage < 10; outage++) {
            ExtractionJob job = q.claim("worker-a", 1).get(0);
            assertEquals(1, job.attempts(), "a postponed attempt was not counted");
            q.postpone(job, "llm@x cannot reach its model: connection refused", Duration.ZERO);
        }
        assertEquals(0L, q.counts().get(ExtractionQueue.State.FAILED));
        assertEquals(1L, q.counts().get(ExtractionQueue.State.QUEUED));
        ExtractionJob job = q.claim("worker-a", 1).get(0);
        q.postpone(job, "llm@x cannot reach its model: connection refused", Duration.ofMinutes(1));
        assertTrue(q.claim("worker-b", 1).isEmpty(), "a postponed job waits before it is taken again");
    }

    @Test
    void aJobThatKeepsFailingIsGivenUpAfterItsAttempts() {
        ExtractionQueue q = queue(Duration.ofMillis(1));
        q.enqueue("n1", 1, "embedded@x");
        for (int attempt = 1; attempt <= 5; attempt++) {
            ExtractionJob job = q.claim("worker-a", 1).get(0);
            q.fail(job, "store unavailable", true);
            // The backoff is seconds long; the clock moves on.
            new org.springframework.jdbc.core.JdbcTemplate(db).update("UPDATE " + ExtractionQueue.TABLE + " SET next_attempt_at = ?",
                    java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)));
        }
        assertEquals(1L, q.counts().get(ExtractionQueue.State.FAILED));
    }

    @Test
    void theNewestStoredVersionOfEachNoteComesFromTheOutbox() {
        ExtractionQueue q = queue(Duration.ofMinutes(2));
        q.enqueue("n1", 1, "embedded@x");
        q.enqueue("n1", 2, "embedded@x");
        q.enqueue("n1", 3, "embedded@x");
        q.enqueue("n2", 1, "embedded@x");
        assertEquals(Map.of("n1", 3L, "n2", 1L), q.latestVersions(List.of("n1", "n2", "n3")));
    }

    @Test
    void aJobIsRecordedOncePerNoteVersionAndStudentVersion() {
        ExtractionQueue q = queue(Duration.ofMinutes(2));
        q.enqueue("n1", 1, "embedded@x");
        q.enqueue("n1", 1, "embedded@x");
        q.enqueue("n1", 1, "embedded@y");
        assertEquals(2L, q.counts().get(ExtractionQueue.State.QUEUED));
    }
}
