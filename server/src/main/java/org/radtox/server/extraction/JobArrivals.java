package org.radtox.server.extraction;

import java.time.Duration;

/**
 * Wakes this node's idle workers as soon as a note stored here has committed its job, rather than at their next
 * poll: a worker that found the queue empty otherwise sleeps out its poll interval while the new note waits.
 * Jobs stored through other nodes are still found by polling.
 */
public final class JobArrivals {

    private final Object lock = new Object();
    private long arrivals;

    /** Called after a transaction that enqueued jobs committed. */
    public void arrived() {
        synchronized (lock) {
            arrivals++;
            lock.notifyAll();
        }
    }

    /** What a worker notes before it looks at the queue, to pass to {@link #awaitAfter}. */
    public long seen() {
        synchronized (lock) {
            return arrivals;
        }
    }

    /**
     * Waits until jobs arrive after {@code seen} or {@code timeout} passes; returns at once when some arrived
     * while the worker was looking at the queue, so none is slept through.
     */
    public void awaitAfter(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (arrivals == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
