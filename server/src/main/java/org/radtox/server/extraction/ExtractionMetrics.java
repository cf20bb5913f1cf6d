package org.radtox.server.extraction;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** What operators watch: notes ingested and extracted, jobs failed, extraction latency, Observations written. */
public final class ExtractionMetrics {

    private final Counter observations;
    private final Counter notes;
    private final Counter ingested;
    private final Counter failures;
    private final Timer latency;
    private final DistributionSummary batch;
    // For readiness (health/ExtractionCheck): a run of failures with no success between says the student's
    // model server is down far sooner than a rate computed over minutes would.
    private final java.util.concurrent.atomic.AtomicInteger failuresInARow = new java.util.concurrent.atomic.AtomicInteger();
    private volatile String lastFailure = "";

    public ExtractionMetrics(MeterRegistry registry) {
        this.observations = Counter.builder("radtox_observations_written").description("Toxicity Observations written").register(registry);
        this.notes = Counter.builder("radtox_notes_extracted").description("Note versions extracted").register(registry);
        this.ingested = Counter.builder("radtox_notes_ingested").description("Note versions stored (committed) on this node")
                .register(registry);
        this.failures = Counter.builder("radtox_extraction_failures").description("Extraction attempts that failed").register(registry);
        io.micrometer.core.instrument.Gauge.builder("radtox_extraction_failures_in_a_row", failuresInARow, Number::doubleValue)
                .description("Extraction attempts failed on this node since its last success (a model server down shows here)")
                .register(registry);
        this.latency = Timer.builder("radtox_extraction_latency").description("From job claimed to Observations committed")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        // A transaction's fixed cost is shared by the jobs it carries: when workers (on this node or others)
        // take the queue in small bites, CPU per note rises, and this mean falls.
        this.batch = DistributionSummary.builder("radtox_extraction_batch_jobs")
                .description("Jobs written per extraction transaction").register(registry);
    }

    void wrote(int jobs) {
        batch.record(jobs);
    }

    void extracted(int written, long nanos) {
        notes.increment();
        failuresInARow.set(0);
        observations.increment(written);
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void ingested() {
        ingested.increment();
    }

    void failed(String reason) {
        failures.increment();
        lastFailure = reason;
        failuresInARow.incrementAndGet();
    }

    public int failuresInARow() {
        return failuresInARow.get();
    }

    public String lastFailure() {
        return lastFailure;
    }
}
