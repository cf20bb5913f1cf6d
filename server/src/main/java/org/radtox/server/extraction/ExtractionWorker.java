package org.radtox.server.extraction;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
 * Takes extraction jobs and turns each note version into toxicity Observations and their Provenance,
 * written in ONE FHIR transaction together with the jobs' completion (see {@link OutboxInterceptor}): a crash
 * before the commit leaves the jobs to be claimed again, a crash after it leaves nothing to redo; a job taken
 * again (after a failure, or put back by an operator) writes its Observations as conditional creates, so it
 * adds nothing twice. Earlier versions' Observations of
 * the same note become {@code entered-in-error}, and a note marked {@code entered-in-error} takes its
 * Observations with it.
 *
 * <p>A worker claims a batch of jobs and writes them in one transaction: a FHIR transaction's fixed cost
 * (connection, flush, commit, search-index bookkeeping) is most of what one note costs, so sharing it is
 * what lets extraction keep up with ingestion. A batch whose transaction fails is written again job by
 * job, so one bad note never holds back the others.
 */
public final class ExtractionWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractionWorker.class);
    /** Identifies an Observation by what it was extracted from, so a repeated extraction creates nothing new. */
    public static final String EXTRACTION_IDENTIFIER = "http://radtox.org/fhir/extraction";
    /** Jobs per transaction: large enough to share its cost, small enough that a retry job by job is cheap. */
    static final int BATCH_SIZE = 20;

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
            Student student, NoteTextExtractor texts, ToxicityObservationMapper mapper, ExtractionMetrics metrics) {
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
                if (processBatch() == 0) {
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The store may be briefly unavailable; claimed jobs stay claimed and their lease brings them back.
                LOG.warn("extraction worker {}: {}", name, e.toString());
                sleepQuietly(1000);
            }
        }
    }

    public void stop() {
        running.set(false);
    }

    /** Claims and processes up to one batch of jobs; returns how many jobs it took (0: the queue had none ready). */
    public int processBatch() {
        List<ExtractionJob> jobs = queue.claim(name, BATCH_SIZE);
        List<Extraction> batch = new ArrayList<>();
        List<ExtractionJob> sameNoteAgain = new ArrayList<>();
        Set<String> notes = new HashSet<>();
        for (ExtractionJob job : jobs) {
            if (!notes.add(job.noteId())) {
                // A later version must see the earlier one's Observations committed to replace them.
                sameNoteAgain.add(job);
                continue;
            }
            prepare(job).ifPresent(batch::add);
        }
        if (!batch.isEmpty()) {
            queue.renew(batch.stream().map(Extraction::job).toList());
            try {
                write(batch);
            } catch (RuntimeException e) {
                LOG.info("a batch of {} extractions failed ({}); writing them one by one", batch.size(), e.toString());
                // Prepared afresh: the failed transaction may have rewritten the resources' ids and references.
                for (Extraction one : batch) {
                    prepare(one.job()).ifPresent(this::writeAlone);
                }
            }
        }
        for (ExtractionJob job : sameNoteAgain) {
            prepare(job).ifPresent(this::writeAlone);
        }
        return jobs.size();
    }

    /** What one job will write, or nothing when the job failed already (and was recorded so). */
    private Optional<Extraction> prepare(ExtractionJob job) {
        long t0 = System.nanoTime();
        try {
            return Optional.of(extract(job, t0));
        } catch (UnreadableNoteTextException | UnreadableNoteException | IllegalArgumentException e) {
            failed(job, e.getMessage(), false);
            LOG.info("note {} version {} cannot be extracted: {}", job.noteId(), job.noteVersion(), e.getMessage());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            failed(job, "note not found: " + e.getMessage(), false);
        } catch (RuntimeException e) {
            failed(job, e.toString(), true);
            LOG.warn("extraction of note {} version {} failed, will retry: {}", job.noteId(), job.noteVersion(), e.toString());
        }
        return Optional.empty();
    }

    private void writeAlone(Extraction one) {
        try {
            write(List.of(one));
        } catch (RuntimeException e) {
            failed(one.job(), e.toString(), true);
            LOG.warn("extraction of note {} version {} failed, will retry: {}", one.job().noteId(), one.job().noteVersion(),
                    e.toString());
        }
    }

    private void failed(ExtractionJob job, String reason, boolean retryable) {
        queue.fail(job, reason, retryable);
        metrics.failed(reason);
    }

    /** The Observations, replacements and Provenance of one job, ready to be written. */
    private record Extraction(ExtractionJob job, List<Bundle.BundleEntryComponent> entries, int observations, long startedNanos) {
    }

    private Extraction extract(ExtractionJob job, long startedNanos) {
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
        List<Bundle.BundleEntryComponent> entries = new ArrayList<>();
        if (!job.studentVersion().equals(student.version())) {
            // The active student's Device is stored at start (ExtractionConfig); another version's is written here.
            entries.add(entry(device, Bundle.HTTPVerb.PUT, "Device/" + device.getIdElement().getIdPart()));
        }
        List<Reference> targets = new ArrayList<>();
        for (Observation o : observations) {
            String key = job.noteId() + "/" + job.noteVersion() + "/" + job.studentVersion() + "/" + o.getCode().getCodingFirstRep().getCode();
            o.addIdentifier().setSystem(EXTRACTION_IDENTIFIER).setValue(key);
            Bundle.BundleEntryComponent e = entry(o, Bundle.HTTPVerb.POST, "Observation").setFullUrl("urn:uuid:" + UUID.randomUUID());
            if (job.attempts() > 1) {
                // Only a job taken before can have written already (its commit may have landed unseen); a
                // first attempt skips the conditional create's search, which costs as much as the write.
                e.getRequest().setIfNoneExist("identifier=" + EXTRACTION_IDENTIFIER + "|" + key);
            }
            entries.add(e);
            targets.add(new Reference(e.getFullUrl()));
        }
        // A first version has no earlier Observations to replace: skip the search on the common path.
        if (job.noteVersion() > 1 || withdrawn) {
            entries.addAll(retirements(supersededBy(job.noteId(), job.noteVersion(), request, withdrawn)));
        }
        if (!observations.isEmpty()) {
            // Its pre-commit hook completes the job inside the transaction (OutboxInterceptor).
            entries.add(entry(ExtractionProvenance.of(targets, note, device, new Date()), Bundle.HTTPVerb.POST, "Provenance"));
        }
        return new Extraction(job, entries, observations.size(), startedNanos);
    }

    private void write(List<Extraction> batch) {
        SystemRequestDetails request = new SystemRequestDetails();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Map<String, ExtractionJob> completedByProvenance = new HashMap<>();
        for (Extraction e : batch) {
            e.entries().forEach(bundle::addEntry);
            if (e.observations() > 0) {
                completedByProvenance.put(e.job().noteReference(), e.job());
            }
        }
        request.getUserData().put(OutboxInterceptor.JOBS, completedByProvenance);
        if (bundle.hasEntry()) {
            system.transaction(request, bundle);
        }
        afterCommit(batch);
    }

    /** Never throws: the transaction is committed, and nothing here may make it look as if it had failed. */
    private void afterCommit(List<Extraction> batch) {
        for (Extraction e : batch) {
            if (e.observations() == 0) {
                // Nothing written for this note version can be doubled: completing after the commit is safe.
                try {
                    queue.complete(e.job());
                } catch (RuntimeException ex) {
                    LOG.warn("completing note {} version {}: {} (it will run again, writing nothing twice)", e.job().noteId(),
                            e.job().noteVersion(), ex.toString());
                }
            }
            metrics.extracted(e.observations(), System.nanoTime() - e.startedNanos());
        }
        try {
            retireIfOvertaken(batch.stream().filter(e -> e.observations() > 0).map(Extraction::job).toList());
        } catch (RuntimeException ex) {
            LOG.warn("checking {} extracted notes for newer versions: {}", batch.size(), ex.toString());
        }
    }

    /**
     * A newer version of a note may have been stored, and its own job may have looked for Observations to
     * replace, while this job's were not yet committed; then nobody replaced them. Whoever commits last sees
     * the other's work, so checking after our own commit closes that gap. The outbox says cheaply whether a
     * newer version exists; only then are notes read.
     */
    private void retireIfOvertaken(List<ExtractionJob> written) {
        if (written.isEmpty()) {
            return;
        }
        Map<String, Long> latest = queue.latestVersions(written.stream().map(ExtractionJob::noteId).toList());
        for (ExtractionJob job : written) {
            long newest = latest.getOrDefault(job.noteId(), job.noteVersion());
            if (newest <= job.noteVersion()) {
                continue;
            }
            SystemRequestDetails request = new SystemRequestDetails();
            DocumentReference current = daos.getResourceDao(DocumentReference.class)
                    .read(new IdType("DocumentReference", job.noteId(), String.valueOf(newest)), request);
            List<Observation> stale = supersededBy(job.noteId(), newest, request,
                    current.getStatus() == DocumentReferenceStatus.ENTEREDINERROR);
            if (!stale.isEmpty()) {
                Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
                retirements(stale).forEach(bundle::addEntry);
                system.transaction(request, bundle);
                LOG.info("note {} moved on to version {} while version {} was extracted; retired {} Observations", job.noteId(),
                        newest, job.noteVersion(), stale.size());
            }
        }
    }

    private static Bundle.BundleEntryComponent entry(org.hl7.fhir.r4.model.Resource resource, Bundle.HTTPVerb method, String url) {
        Bundle.BundleEntryComponent e = new Bundle.BundleEntryComponent().setResource(resource);
        e.getRequest().setMethod(method).setUrl(url);
        return e;
    }

    /** The updates that mark these Observations {@code entered-in-error}. */
    private static List<Bundle.BundleEntryComponent> retirements(List<Observation> superseded) {
        List<Bundle.BundleEntryComponent> out = new ArrayList<>();
        for (Observation old : superseded) {
            old.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
            out.add(entry(old, Bundle.HTTPVerb.PUT, "Observation/" + old.getIdElement().getIdPart()));
        }
        return out;
    }

    /**
     * Observations of this note from versions before {@code noteVersion}, still standing: a new version
     * replaces them, and a withdrawn note takes all of its own with it.
     */
    private List<Observation> supersededBy(String noteId, long noteVersion, SystemRequestDetails request, boolean withdrawn) {
        IFhirResourceDao<Observation> observations = daos.getResourceDao(Observation.class);
        SearchParameterMap map = SearchParameterMap.newSynchronous()
                .add(Observation.SP_DERIVED_FROM, new ReferenceParam("DocumentReference/" + noteId));
        List<Observation> out = new ArrayList<>();
        for (IBaseResource r : observations.search(map, request).getAllResources()) {
            Observation o = (Observation) r;
            if (o.getStatus() == Observation.ObservationStatus.ENTEREDINERROR) {
                continue;
            }
            String version = o.getDerivedFromFirstRep().getReferenceElement().getVersionIdPart();
            boolean older = version != null && Long.parseLong(version) < noteVersion;
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
