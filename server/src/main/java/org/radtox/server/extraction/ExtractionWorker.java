package org.radtox.server.extraction;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;

import org.radtox.fhir.notetext.BinaryResolver;
import org.radtox.fhir.notetext.NoteTextExtractor;
import org.radtox.fhir.notetext.UnreadableNoteTextException;
import org.radtox.fhir.observation.ExtractionProvenance;
import org.radtox.fhir.observation.StudentDevice;
import org.radtox.fhir.observation.ToxicityObservationMapper;
import org.radtox.student.Student;
import org.radtox.student.UnreadableNoteException;
import org.radtox.student.note.Note;

/**
 * Takes extraction jobs and turns each note version into toxicity Observations, their Provenance and the
 * student's Device, written in ONE FHIR transaction together with the job's completion (see
 * {@link OutboxInterceptor}): a crash before the commit leaves the job to be claimed again, a crash after
 * it leaves nothing to redo; the Observations' conditional creates guard against doubles all the same. Earlier versions'
 * Observations of the same note become {@code entered-in-error} in that same transaction, and a note
 * marked {@code entered-in-error} takes its Observations with it.
 */
public final class ExtractionWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractionWorker.class);
    /** Identifies an Observation by what it was extracted from, so a repeated extraction creates nothing new. */
    public static final String EXTRACTION_IDENTIFIER = "http://radtox.org/fhir/extraction";

    private final String name;
    private final ExtractionQueue queue;
    private final DaoRegistry daos;
    private final IFhirSystemDao<Bundle, ?> system;
    private final Student student;
    private final NoteTextExtractor texts;
    private final ToxicityObservationMapper mapper;
    private final ExtractionMetrics metrics;
    private final AtomicBoolean running = new AtomicBoolean(true);

    public ExtractionWorker(String name, ExtractionQueue queue, DaoRegistry daos, IFhirSystemDao<Bundle, ?> system,
            PlatformTransactionManager transactions, Student student, NoteTextExtractor texts,
            ToxicityObservationMapper mapper, ExtractionMetrics metrics) {
        this.name = name;
        this.queue = queue;
        this.daos = daos;
        this.system = system;
        this.student = student;
        this.texts = texts;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        while (running.get()) {
            try {
                if (!processOne()) {
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The store may be briefly unavailable; the job stays claimed and its lease brings it back.
                LOG.warn("extraction worker {}: {}", name, e.toString());
                sleepQuietly(1000);
            }
        }
    }

    public void stop() {
        running.set(false);
    }

    /** Processes one job if one is ready; false when the queue had nothing. */
    public boolean processOne() {
        Optional<ExtractionJob> claimed = queue.claim(name);
        if (claimed.isEmpty()) {
            return false;
        }
        ExtractionJob job = claimed.get();
        long t0 = System.nanoTime();
        try {
            int written = extract(job);
            metrics.extracted(written, System.nanoTime() - t0);
        } catch (UnreadableNoteTextException | UnreadableNoteException | IllegalArgumentException e) {
            queue.fail(job, e.getMessage(), false);
            metrics.failed();
            LOG.info("note {} version {} cannot be extracted: {}", job.noteId(), job.noteVersion(), e.getMessage());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            queue.fail(job, "note not found: " + e.getMessage(), false);
            metrics.failed();
        } catch (RuntimeException e) {
            queue.fail(job, e.toString(), true);
            metrics.failed();
            LOG.warn("extraction of note {} version {} failed, will retry: {}", job.noteId(), job.noteVersion(), e.toString());
        }
        return true;
    }

    /** Returns the number of Observations written. */
    private int extract(ExtractionJob job) {
        SystemRequestDetails request = new SystemRequestDetails();
        IFhirResourceDao<DocumentReference> notes = daos.getResourceDao(DocumentReference.class);
        DocumentReference note = notes.read(new IdType("DocumentReference", job.noteId(), String.valueOf(job.noteVersion())), request);
        boolean withdrawn = note.getStatus() == DocumentReferenceStatus.ENTEREDINERROR;
        List<Observation> observations = new ArrayList<>();
        Device device = StudentDevice.of(job.studentVersion());
        if (!withdrawn) {
            String text = texts.extract(note, binaryResolver(request)).text();
            observations = mapper.map(note, student.extract(new Note(job.noteId(), text)), job.studentVersion(), new Date());
        }
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        if (!job.studentVersion().equals(student.version())) {
            // The active student's Device is stored at start (ExtractionConfig); another version's is written here.
            bundle.addEntry().setResource(device).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl("Device/" + device.getIdElement().getIdPart());
        }
        List<Reference> targets = new ArrayList<>();
        for (Observation o : observations) {
            String key = job.noteId() + "/" + job.noteVersion() + "/" + job.studentVersion() + "/" + o.getCode().getCodingFirstRep().getCode();
            o.addIdentifier().setSystem(EXTRACTION_IDENTIFIER).setValue(key);
            String fullUrl = "urn:uuid:" + java.util.UUID.randomUUID();
            bundle.addEntry().setFullUrl(fullUrl).setResource(o).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation")
                    .setIfNoneExist("identifier=" + EXTRACTION_IDENTIFIER + "|" + key);
            targets.add(new Reference(fullUrl));
        }
        // A first version has no earlier Observations to replace: skip the search on the common path.
        List<Observation> superseded = job.noteVersion() > 1 || withdrawn ? supersededBy(job, request, withdrawn) : List.of();
        for (Observation old : superseded) {
            old.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
            bundle.addEntry().setResource(old).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl("Observation/" + old.getIdElement().getIdPart());
        }
        if (!observations.isEmpty()) {
            Provenance provenance = ExtractionProvenance.of(targets, note, device, new Date());
            bundle.addEntry().setResource(provenance).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Provenance");
        }
        if (observations.isEmpty()) {
            // Nothing written for this note version can be doubled: the updates are idempotent.
            system.transaction(request, bundle);
            queue.complete(job);
        } else {
            // The Provenance's pre-commit hook completes the job inside this transaction (OutboxInterceptor).
            request.getUserData().put(OutboxInterceptor.JOB, job);
            system.transaction(request, bundle);
        }
        return observations.size();
    }

    /**
     * Observations of this note from other (earlier) versions, still standing: a new version replaces them,
     * and a withdrawn note takes all of its own with it.
     */
    private List<Observation> supersededBy(ExtractionJob job, SystemRequestDetails request, boolean withdrawn) {
        IFhirResourceDao<Observation> observations = daos.getResourceDao(Observation.class);
        SearchParameterMap map = SearchParameterMap.newSynchronous()
                .add(Observation.SP_DERIVED_FROM, new ReferenceParam("DocumentReference/" + job.noteId()));
        List<Observation> out = new ArrayList<>();
        for (IBaseResource r : observations.search(map, request).getAllResources()) {
            Observation o = (Observation) r;
            if (o.getStatus() == Observation.ObservationStatus.ENTEREDINERROR) {
                continue;
            }
            String version = o.getDerivedFromFirstRep().getReferenceElement().getVersionIdPart();
            boolean older = version != null && Long.parseLong(version) < job.noteVersion();
            if (withdrawn || older) {
                out.add(o);
            }
        }
        return out;
    }

    private BinaryResolver binaryResolver(SystemRequestDetails request) {
        IFhirResourceDao<Binary> binaries = daos.getResourceDao(Binary.class);
        return url -> {
            try {
                IdType id = new IdType(url);
                if (!"Binary".equals(id.getResourceType())) {
                    return Optional.empty();
                }
                return Optional.of(binaries.read(id.toUnqualifiedVersionless(), request));
            } catch (ResourceNotFoundException | ResourceGoneException | IllegalArgumentException e) {
                return Optional.empty();
            }
        };
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
