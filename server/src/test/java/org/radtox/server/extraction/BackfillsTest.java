package org.radtox.server.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The backfill on its own, as two nodes share it through the database: chunks enqueued once each even when
 * both nodes advance at the same moment, a chunk whose transaction died enqueued again (nothing lost, nothing
 * counted twice), new notes claimed before backfill jobs, a newer promotion superseding, finished jobs put back.
 */
abstract class BackfillsTest {

    private DataSource db;
    private DataSourceTransactionManager transactions;
    private ExtractionQueue queue;

    abstract DataSource freshDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = freshDatabase();
        transactions = new DataSourceTransactionManager(db);
        queue = new ExtractionQueue(db, transactions, Duration.ofMinutes(2), 5);
        queue.createTable();
    }

    /** A node's view of the backfills, enqueuing {@code chunk} notes at a time. */
    private Backfills node(int chunk) {
        Backfills b = new Backfills(db, transactions, queue, chunk);
        b.createTable();
        return b;
    }

    /** Notes n00..n(count-1) stored and extracted with version A; every third has a second version. */
    private void notesExtractedWith(String version, int count) {
        for (int i = 0; i < count; i++) {
            String id = String.format("n%02d", i);
            queue.enqueue(id, 1, version);
            if (i % 3 == 0) {
                queue.enqueue(id, 2, version);
            }
        }
        drain();
    }

    private void drain() {
        List<ExtractionJob> jobs;
        while (!(jobs = queue.claim("worker", 50)).isEmpty()) {
            jobs.forEach(queue::complete);
        }
    }

    private List<Map<String, Object>> jobsFor(String version) {
        return new JdbcTemplate(db).queryForList("SELECT note_id, note_version, state, backfill_id FROM " + ExtractionQueue.TABLE
                + " WHERE student_version = ? ORDER BY note_id, note_version", version);
    }

    @Test
    void everyNoteIsEnqueuedOnceAtItsNewestVersionChunkByChunkAndTheBackfillFinishesWhenItsJobsAreDone() {
        notesExtractedWith("embedded@A", 25);
        Backfills node = node(10);
        assertTrue(node.start(1, "embedded@B"));
        assertEquals(10, node.advance());
        assertEquals(10, node.advance());
        assertEquals(0, node.advance(), "two chunks wait: the third waits for them");
        drain();
        assertEquals(5, node.advance());
        assertEquals(0, node.advance());
        Backfills.Status running = node.recent(1).get(0);
        assertEquals(Backfills.State.RUNNING, running.state(), "enqueued, not yet extracted");
        assertEquals(25, running.total());
        assertEquals(25, running.enqueued());
        assertEquals(5, running.waiting());
        drain();
        node.advance();
        Backfills.Status done = node.recent(1).get(0);
        assertEquals(Backfills.State.FINISHED, done.state());
        assertEquals(25, done.done());
        assertTrue(done.finishedAt() != null);
        List<Map<String, Object>> jobs = jobsFor("embedded@B");
        assertEquals(25, jobs.size(), "one job per note");
        for (Map<String, Object> j : jobs) {
            int i = Integer.parseInt(((String) value(j, "note_id")).substring(1));
            assertEquals(i % 3 == 0 ? 2L : 1L, ((Number) value(j, "note_version")).longValue(), "the newest version of " + i);
        }
    }

    @Test
    void twoNodesAdvancingAtOnceNeverEnqueueAChunkTwice() throws Exception {
        notesExtractedWith("embedded@A", 60);
        Backfills a = node(7);
        Backfills b = node(7);
        assertTrue(a.start(1, "embedded@B"));
        assertFalse(b.start(1, "embedded@B"), "one backfill per registry event, whichever node is first");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20 && a.recent(1).get(0).enqueued() < 60; round++) {
                List<Future<Integer>> both = new ArrayList<>();
                for (Backfills node : List.of(a, b)) {
                    both.add(pool.submit((Callable<Integer>) node::advance));
                }
                for (Future<Integer> f : both) {
                    f.get();
                }
                drain();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(60, a.recent(1).get(0).enqueued(), "a chunk enqueued by both nodes would count twice");
        assertEquals(60, jobsFor("embedded@B").size());
    }

    @Test
    void aChunkWhoseTransactionDiesIsEnqueuedAgainWithNothingLostOrCountedTwice() {
        notesExtractedWith("embedded@A", 12);
        Backfills node = node(5);
        node.start(1, "embedded@B");
        // A node dies after enqueuing a chunk but before its commit: the chunk's jobs and the moved cursor go together.
        assertThrows(IllegalStateException.class, () -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
            assertEquals(5, node.advance());
            throw new IllegalStateException("the node died here");
        }));
        assertEquals(0, node.recent(1).get(0).enqueued());
        assertEquals(0, jobsFor("embedded@B").size());
        while (node.advance() > 0) {
            drain();
        }
        assertEquals(12, node.recent(1).get(0).enqueued());
        assertEquals(12, jobsFor("embedded@B").size());
    }

    @Test
    void newNotesAreClaimedBeforeBackfillJobs() {
        notesExtractedWith("embedded@A", 10);
        Backfills node = node(10);
        node.start(1, "embedded@B");
        node.advance();
        queue.enqueue("zz-new", 1, "embedded@B");
        assertEquals("zz-new", queue.claim("worker", 1).get(0).noteId(), "enqueued last, claimed first");
    }

    @Test
    void aNewerPromotionSupersedesTheRunningBackfillAndALateNodeStartsNothingOld() {
        notesExtractedWith("embedded@A", 12);
        Backfills node = node(5);
        node.start(1, "embedded@B");
        node.advance();
        assertTrue(node.start(2, "embedded@C"));
        List<Backfills.Status> recent = node.recent(2);
        assertEquals(Backfills.State.RUNNING, recent.get(0).state());
        assertEquals("embedded@C", recent.get(0).studentVersion());
        assertEquals(Backfills.State.SUPERSEDED, recent.get(1).state());
        assertFalse(node.start(1, "embedded@B"), "a node that saw event 1 late starts nothing");
        assertEquals(5, node.advance(), "the new backfill starts from the first note");
        assertEquals(5, jobsFor("embedded@C").size());
    }

    @Test
    void aJobThatRanBeforeIsPutBackForARollbacksBackfill() {
        notesExtractedWith("embedded@A", 3);
        Backfills node = node(10);
        node.start(5, "embedded@A");
        assertEquals(3, node.advance());
        List<Map<String, Object>> jobs = jobsFor("embedded@A").stream().filter(j -> value(j, "backfill_id") != null).toList();
        assertEquals(3, jobs.size(), "the newest version's job of each note, put back");
        jobs.forEach(j -> assertEquals("QUEUED", value(j, "state")));
        List<ExtractionJob> again = queue.claim("worker", 10);
        assertTrue(again.stream().allMatch(j -> j.attempts() > 1), "a job put back runs as a retry: it looks for what it wrote before");
    }

    private static Object value(Map<String, Object> row, String column) {
        return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase());
    }
}
