package org.radtox.cds.feedback;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.radtox.cds.cards.WrittenCards;

/**
 * Remembers the cards of each hook call in the {@link FeedbackStore}, on a thread of its own: the EHR's answer
 * never waits for the database. Calls are written in batches; when the database cannot keep up, calls beyond
 * the queue are dropped with a warning (feedback on their cards is still stored, without the findings).
 */
public final class IssuedCalls implements AutoCloseable {

    /** One hook call's cards. */
    public record Call(String serviceId, String hook, String hookInstance, String patientId, String studentVersion,
                       Instant issuedAt, WrittenCards cards) {
    }

    private static final Logger log = LoggerFactory.getLogger(IssuedCalls.class);
    private static final int MAX_BATCH = 500;
    /**
     * How long the writer gathers calls before it writes them: one commit for a busy quarter second, not one per
     * call (a commit of the embedded database writes its file, which cost a fifth of the CPU of a busy server).
     */
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final FeedbackStore store;
    private final BlockingQueue<Call> queue;
    private final Thread writer;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean closing;

    public IssuedCalls(FeedbackStore store, int capacity) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::run, "radtox-cds-card-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues the call's cards for writing; never blocks. */
    public void remember(Call call) {
        if (call.cards().issued().isEmpty()) {
            return;
        }
        pending.incrementAndGet();
        if (!queue.offer(call)) {
            pending.decrementAndGet();
            if (dropped.incrementAndGet() % 1000 == 1) {
                log.warn("CDS card log: the database does not keep up; {} hook calls' cards not remembered so far", dropped.get());
            }
        }
    }

    /** Waits until every queued call is written (or the timeout passes); returns whether it got there. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > until) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private void run() {
        List<Call> batch = new ArrayList<>();
        while (!closing || !queue.isEmpty()) {
            try {
                Call first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long until = System.nanoTime() + GATHER_NANOS;
                while (batch.size() < MAX_BATCH && !closing) {
                    Call next = queue.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                queue.drainTo(batch, MAX_BATCH - batch.size());
                store.recordIssued(batch);
            } catch (InterruptedException e) {
                if (closing) {
                    continue;
                }
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                log.error("CDS card log: {} hook calls' cards could not be written: {}", batch.size(), e.getMessage());
            } finally {
                pending.addAndGet(-batch.size());
                batch.clear();
            }
        }
    }

    /** Writes what is queued (for up to ten seconds) and stops. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
