package org.radtox.server.extraction;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Provenance;

/**
 * The outbox's two ends, both inside HAPI's write transactions (the pre-commit pointcuts run there, ids
 * and versions assigned):
 * <ul>
 * <li>every stored version of a note records its extraction job: if the job cannot be written, the note
 * is not stored either, so none is ever stored and forgotten;</li>
 * <li>the Provenance a worker writes for a job completes that job: Observations and completion commit
 * together, so a job is never done twice nor marked done without its Observations.</li>
 * </ul>
 */
@Interceptor
public final class OutboxInterceptor {

    private final ExtractionQueue queue;
    private final String studentVersion;

    public OutboxInterceptor(ExtractionQueue queue, String studentVersion) {
        this.queue = queue;
        this.studentVersion = studentVersion;
    }

    /** The request user-data key under which a worker passes the job its transaction completes. */
    public static final String JOB = "radtox.extraction-job";

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource, RequestDetails request) {
        enqueue(resource);
        if (resource instanceof Provenance && request != null && request.getUserData().get(JOB) instanceof ExtractionJob job) {
            queue.complete(job);
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        enqueue(resource);
    }

    private void enqueue(IBaseResource resource) {
        if (resource instanceof DocumentReference note) {
            queue.enqueue(note.getIdElement().getIdPart(), note.getIdElement().getVersionIdPartAsLong(), studentVersion);
        }
    }
}
