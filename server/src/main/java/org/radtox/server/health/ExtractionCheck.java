package org.radtox.server.health;

import org.radtox.server.extraction.ExtractionMetrics;

/**
 * Extraction keeps failing: with an LLM student this is nearly always the model server (down, or its circuit
 * breaker open). DEGRADED, not DOWN: the node still stores notes and their jobs wait durably in the outbox, so
 * taking every node out of the load balancer because a shared model server is down would only refuse notes.
 */
public final class ExtractionCheck implements Check {

    /** Failures in a row, without a success between, before extraction counts as failing rather than unlucky. */
    static final int FAILURES_IN_A_ROW = 3;
    private final ExtractionMetrics metrics;

    public ExtractionCheck(ExtractionMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "extraction";
    }

    @Override
    public Result run() {
        int failing = metrics.failuresInARow();
        if (failing >= FAILURES_IN_A_ROW) {
            return new Result(name(), Status.DEGRADED, failing + " extraction attempts in a row failed (jobs wait and are "
                    + "retried); the last: " + metrics.lastFailure());
        }
        return Result.up(name(), failing == 0 ? "no failures since the last success" : failing + " failure(s) since the last success");
    }
}
