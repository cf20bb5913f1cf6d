package org.radtox.server.extraction;

import java.util.Map;
import java.util.function.Supplier;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Provenance;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox's two ends, both inside HAPI's write transactions (the pre-commit pointcuts run there, ids
 * and versions assigned):
 * <ul>
 * <li>every stored version of a note records its extraction job: if the job cannot be written, the note
 * is not stored either, so none is ever stored and forgotten;</li>
 * <li>the Provenance a worker writes for a job completes that job: Observations and completion commit
 * together, so a job is never done twice nor marked done without its Observations. Completion checks the
 * worker still holds the job, so a worker whose lease ran out cannot commit beside the one that took over.</li>
 * </ul>
 */
@Interceptor
public final class OutboxInterceptor {

    private final ExtractionQueue queue;
    private final Supplier<String> studentVersion;
    private final ExtractionMetrics metrics;
    private final JobArrivals arrivals;

    /** @param studentVersion the active student version as this node last saw it (a worker redirects a stale one) */
    public OutboxInterceptor(ExtractionQueue queue, Supplier<String> studentVersion, ExtractionMetrics metrics,
            JobArrivals arrivals) {
        this.queue = queue;
        this.studentVersion = studentVersion;
        this.metrics = metrics;
        this.arrivals = arrivals;
    }

    /**
     * The request user-data key under which a worker passes the jobs its transaction completes: a map from
     * the note version a job reads ({@link ExtractionJob#noteReference()}) to the job.
     */
    public static final String JOBS = "radtox.extraction-jobs";

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource, RequestDetails request) {
        enqueue(resource);
        if (resource instanceof Provenance provenance && request != null
                && request.getUserData().get(JOBS) instanceof Map<?, ?> jobs
                && jobs.get(provenance.getEntityFirstRep().getWhat().getReference()) instanceof ExtractionJob job
                && !queue.complete(job)) {
            // Another worker took the job when this one's lease ran out: writing too would double it.
            throw new IllegalStateException("extraction job " + job.id() + " for " + job.noteReference()
                    + " is no longer held by " + job.claimedBy() + "; its transaction is rolled back");
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        enqueue(resource);
    }

    private void enqueue(IBaseResource resource) {
        if (resource instanceof DocumentReference note) {
            queue.enqueue(note.getIdElement().getIdPart(), note.getIdElement().getVersionIdPartAsLong(), studentVersion.get());
            // Counted once the note is really stored: a refused transaction Bundle rolls back and counts nothing.
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        metrics.ingested();
                        arrivals.arrived();
                    }
                });
            }
        }
    }
}
