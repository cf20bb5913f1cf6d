package org.radtox.server.extraction;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** The outbox's job counts, queried at most once per interval however many gauges read them. */
final class JobCountSnapshot implements Supplier<Map<ExtractionQueue.State, Long>> {

    private final Supplier<Map<ExtractionQueue.State, Long>> query;
    private final long intervalNanos;
    private Map<ExtractionQueue.State, Long> last;
    private long takenAt;

    JobCountSnapshot(Supplier<Map<ExtractionQueue.State, Long>> query, Duration interval) {
        this.query = query;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public synchronized Map<ExtractionQueue.State, Long> get() {
        long now = System.nanoTime();
        if (last == null || now - takenAt >= intervalNanos) {
            last = query.get();
            takenAt = now;
        }
        return last;
    }
}
