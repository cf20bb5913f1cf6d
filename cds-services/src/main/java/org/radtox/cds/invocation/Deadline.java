package org.radtox.cds.invocation;

import java.time.Duration;

/** When a hook call must be answered, whatever is still running: the EHR is never kept waiting past it. */
public record Deadline(long atNanos) {

    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
    }

    public boolean passed() {
        return System.nanoTime() - atNanos >= 0;
    }
}
