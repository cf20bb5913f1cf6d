package org.radtox.server.extraction;

import java.time.Duration;
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
import org.radtox.server.students.ActiveStudent;
import org.radtox.student.Student;
import org.radtox.student.StudentUnavailableException;
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
    /** The status ToxicityObservationMapper gives every extracted Observation: what a reinstated one gets back. */
    private static final Observation.ObservationStatus EXTRACTED = Observation.ObservationStatus.PRELIMINARY;
    /**
     * How long jobs and the worker wait when the student cannot answer (its model server is down): long enough
     * not to hammer a server that is restarting, short enough that extraction resumes soon after it is back.
     */
    static final Duration STUDENT_WAIT = Duration.ofSeconds(10);
    /** How often an idle worker looks for jobs stored through other nodes (notes stored through its own wake it at once). */
    static final Duration IDLE_POLL = Duration.ofMillis(200);

    private final String name;
    private final ExtractionQueue queue;
    private final JobArrivals arrivals;
    private final DaoRegistry daos;
    private final IFhirSystemDao<Bundle, ?> system;
    private final ActiveStudent students;
    private final NoteTextExtractor texts;
    private final ToxicityObservationMapper mapper;
    private final ExtractionMetrics metrics;
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** Why the student could not answer in this batch (null: it could): the worker then pauses instead of claiming more. */
    private volatile String studentUnavailable;
    /** Student versions whose Device this worker has stored: each is written once, before its first Observation. */
    private final Set<String> devices = new HashSet<>();

    public ExtractionWorker(String name, ExtractionQueue queue, JobArrivals arrivals, DaoRegistry daos, IFhirSystemDao<Bundle, ?> system,
            ActiveStudent students, NoteTextExtractor texts, ToxicityObservationMapper mapper, ExtractionMetrics metrics) {
        this.name = name;
        this.queue = queue;
        this.arrivals = arrivals;
        this.daos = daos;
        this.system = system;
        this.students = students;
        this.texts = texts;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        while (running.get()) {
            try {
                long seen = arrivals.seen();
                int taken = processBatch();
                if (studentUnavailable != null) {
                    Thread.sleep(STUDENT_WAIT.toMillis());
                } else if (taken == 0) {
                    arrivals.awaitAfter(seen, IDLE_POLL);
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
        studentUnavailable = null;
        List<ExtractionJob> jobs = queue.claim(name, BATCH_SIZE);
        if (jobs.isEmpty()) {
            return 0;
        }
        // Read afresh, not as last polled: a job for a version replaced a moment ago must not write.
        String active = students.fresh().version();
        Set<String> crowded = queue.withOtherJobs(jobs.stream().map(ExtractionJob::noteId).distinct().toList());
        List<Extraction> batch = new ArrayList<>();
        List<ExtractionJob> sameNoteAgain = new ArrayList<>();
        Set<String> notes = new HashSet<>();
        for (ExtractionJob job : jobs) {
            if (studentUnavailable != null) {
                // The student just said it cannot answer: the rest of the batch waits without trying it.
                postpone(job, studentUnavailable);
                continue;
            }
            if (!job.studentVersion().equals(active)) {
                skip(job, active);
                continue;
            }
            if (!notes.add(job.noteId())) {
                // A later version must see the earlier one's Observations committed to replace them.
                sameNoteAgain.add(job);
                continue;
            }
            prepare(job, crowded.contains(job.noteId())).ifPresent(batch::add);
        }
        if (!batch.isEmpty()) {
            queue.renew(batch.stream().map(Extraction::job).toList());
            try {
                write(batch);
            } catch (RuntimeException e) {
                LOG.info("a batch of {} extractions failed ({}); writing them one by one", batch.size(), e.toString());
                // Prepared afresh: the failed transaction may have rewritten the resources' ids and references.
                for (Extraction one : batch) {
                    prepare(one.job(), true).ifPresent(this::writeAlone);
                }
            }
        }
        for (ExtractionJob job : sameNoteAgain) {
            if (studentUnavailable != null) {
                postpone(job, studentUnavailable);
            } else {
                prepare(job, true).ifPresent(this::writeAlone);
            }
        }
        return jobs.size();
    }

    /**
     * A job for a version that is no longer active ends without writing: its Observations would only be
     * retired. The note gets a job for the active version instead (a node that had not yet seen the switch
     * enqueued this one, possibly after the backfill had passed the note).
     */
    private void skip(ExtractionJob job, String active) {
        try {
            queue.skip(job, "skipped: student version " + job.studentVersion() + " is no longer active (" + active + " is)");
            queue.enqueue(job.noteId(), job.noteVersion(), active);
        } catch (RuntimeException e) {
            LOG.warn("skipping note {} version {} for {}: {} (its lease brings it back)", job.noteId(), job.noteVersion(),
                    job.studentVersion(), e.toString());
        }
    }

    /** What one job will write, or nothing when the job failed already (and was recorded so). */
    private Optional<Extraction> prepare(ExtractionJob job, boolean crowded) {
        long t0 = System.nanoTime();
        try {
            return Optional.of(extract(job, crowded, t0));
        } catch (UnreadableNoteTextException | UnreadableNoteException | IllegalArgumentException e) {
            failed(job, e.getMessage(), false);
            LOG.info("note {} version {} cannot be extracted: {}", job.noteId(), job.noteVersion(), e.getMessage());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            failed(job, "note not found: " + e.getMessage(), false);
        } catch (StudentUnavailableException e) {
            studentUnavailable = e.getMessage();
            postpone(job, e.getMessage());
            metrics.failed(e.getMessage());
            LOG.warn("note {} version {} waits {} s: {}", job.noteId(), job.noteVersion(), STUDENT_WAIT.toSeconds(), e.getMessage());
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

    private void postpone(ExtractionJob job, String reason) {
        try {
            queue.postpone(job, reason, STUDENT_WAIT);
        } catch (RuntimeException e) {
            LOG.warn("putting back note {} version {}: {} (its lease brings it back)", job.noteId(), job.noteVersion(), e.toString());
        }
    }

    private void failed(ExtractionJob job, String reason, boolean retryable) {
        queue.fail(job, reason, retryable);
        metrics.failed(reason);
    }

    /**
     * The Observations, replacements and Provenance of one job, ready to be written.
     *
     * @param observations Observations created (their Provenance completes the job in the transaction); 0 when
     *                     the job only retires or reinstates, and is completed after the commit
     */
    private record Extraction(ExtractionJob job, List<Bundle.BundleEntryComponent> entries, int observations, long startedNanos) {
    }

    /**
     * @param crowded the note has other jobs (other versions, other students): its standing Observations must be
     *                looked up, as must those of any job that ran before or put back by a backfill
     */
    private Extraction extract(ExtractionJob job, boolean crowded, long startedNanos) {
        SystemRequestDetails request = new SystemRequestDetails();
        IFhirResourceDao<DocumentReference> notes = daos.getResourceDao(DocumentReference.class);
        DocumentReference note = notes.read(new IdType("DocumentReference", job.noteId(), String.valueOf(job.noteVersion())), request);
        boolean withdrawn = note.getStatus() == DocumentReferenceStatus.ENTEREDINERROR;
        Student student = students.student(job.studentVersion());
        Device device = StudentDevice.of(job.studentVersion());
        storeDevice(job.studentVersion(), request);
        // A first version's first job, alone on its note, has nothing to replace: skip the search on the common path.
        List<Observation> standing = crowded || withdrawn || job.noteVersion() > 1 || job.attempts() > 1
                ? observationsOf(job.noteId(), request) : List.of();
        ExtractionKey own = new ExtractionKey(job.noteId(), job.noteVersion(), job.studentVersion());
        List<Observation> earlier = standing.stream().filter(own::made).toList();
        List<Bundle.BundleEntryComponent> entries = new ArrayList<>();
        List<Observation> observations = new ArrayList<>();
        if (!earlier.isEmpty()) {
            // Extracted once already with this version (a rollback's backfill, or a job put back): each note version
            // is extracted once per student version, so its Observations are put back rather than made again.
            if (!withdrawn) {
                entries.addAll(reinstatements(earlier));
            }
        } else if (!withdrawn) {
            String text = texts.extract(note, binaryResolver(request)).text();
            observations = mapper.map(note, student.extract(new Note(job.noteId(), text)), job.studentVersion(), new Date());
        }
        List<Reference> targets = new ArrayList<>();
        for (Observation o : observations) {
            String key = own.of(o.getCode().getCodingFirstRep().getCode());
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
        entries.addAll(retirements(standing.stream().filter(o -> !own.made(o) && replaces(o, own, withdrawn)).toList()));
        if (!observations.isEmpty()) {
            // Its pre-commit hook completes the job inside the transaction (OutboxInterceptor).
            entries.add(entry(ExtractionProvenance.of(targets, note, device, new Date()), Bundle.HTTPVerb.POST, "Provenance"));
        }
        return new Extraction(job, entries, observations.size(), startedNanos);
    }

    /**
     * Whether a standing Observation gives way to this job's: one of an earlier note version, or of the same
     * note version by another student version (this job's is the active one; its own were set apart before);
     * a withdrawn note takes all.
     * A newer note version's Observations stay: this job's are the ones overtaken ({@link #reconcile}).
     */
    private static boolean replaces(Observation standing, ExtractionKey job, boolean withdrawn) {
        if (withdrawn) {
            return true;
        }
        return ExtractionKey.noteVersionOf(standing) <= job.noteVersion();
    }

    /**
     * Stores a student version's Device before the first Observation that names it (once per worker: a
     * worker serves one store). Two workers' first writes may collide on its id; the second try finds it stored.
     */
    private void storeDevice(String studentVersion, SystemRequestDetails request) {
        if (devices.contains(studentVersion)) {
            return;
        }
        IFhirResourceDao<Device> dao = daos.getResourceDao(Device.class);
        try {
            dao.update(StudentDevice.of(studentVersion), request);
        } catch (RuntimeException collided) {
            dao.update(StudentDevice.of(studentVersion), request);
        }
        devices.add(studentVersion);
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
            metrics.wrote(batch.size());
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
            reconcile(batch.stream().filter(e -> !e.entries().isEmpty()).map(Extraction::job).toList());
        } catch (RuntimeException ex) {
            LOG.warn("checking {} extracted notes for newer versions and a new active student: {}", batch.size(), ex.toString());
        }
    }

    /**
     * While this job's writes were not yet committed, a newer version of the note may have been stored and
     * extracted, or another student version made active, and nobody replaced what this job wrote. Whoever
     * commits last sees the other's work, so checking after our own commit closes that gap. The outbox and
     * the registry say cheaply whether anything moved; only then is the note read and set right: the
     * Observations of its newest version by the active student stand (put back if something retired them),
     * all others are retired, and the note has a job for that pair.
     */
    private void reconcile(List<ExtractionJob> written) {
        if (written.isEmpty()) {
            return;
        }
        Map<String, Long> latest = queue.latestVersions(written.stream().map(ExtractionJob::noteId).toList());
        String active = students.fresh().version();
        for (ExtractionJob job : written) {
            long newest = latest.getOrDefault(job.noteId(), job.noteVersion());
            if (newest <= job.noteVersion() && active.equals(job.studentVersion())) {
                continue;
            }
            SystemRequestDetails request = new SystemRequestDetails();
            DocumentReference current = daos.getResourceDao(DocumentReference.class)
                    .read(new IdType("DocumentReference", job.noteId(), String.valueOf(newest)), request);
            boolean withdrawn = current.getStatus() == DocumentReferenceStatus.ENTEREDINERROR;
            ExtractionKey target = new ExtractionKey(job.noteId(), newest, active);
            List<Observation> standing = observationsOf(job.noteId(), request);
            List<Bundle.BundleEntryComponent> fixes = new ArrayList<>(retirements(standing.stream()
                    .filter(o -> withdrawn || !target.made(o)).toList()));
            if (!withdrawn) {
                fixes.addAll(reinstatements(standing.stream().filter(target::made).toList()));
            }
            if (!fixes.isEmpty()) {
                Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
                fixes.forEach(bundle::addEntry);
                system.transaction(request, bundle);
                LOG.info("note {} is at version {} with {} active while version {} was extracted with {}; set {} Observations right",
                        job.noteId(), newest, active, job.noteVersion(), job.studentVersion(), fixes.size());
            }
            if (!active.equals(job.studentVersion())) {
                queue.enqueue(job.noteId(), newest, active);
            }
        }
    }

    private static Bundle.BundleEntryComponent entry(org.hl7.fhir.r4.model.Resource resource, Bundle.HTTPVerb method, String url) {
        Bundle.BundleEntryComponent e = new Bundle.BundleEntryComponent().setResource(resource);
        e.getRequest().setMethod(method).setUrl(url);
        return e;
    }

    /** The updates that mark these Observations {@code entered-in-error} (those not so already). */
    private static List<Bundle.BundleEntryComponent> retirements(List<Observation> superseded) {
        return statusChanges(superseded.stream().filter(o -> o.getStatus() != Observation.ObservationStatus.ENTEREDINERROR)
                .toList(), Observation.ObservationStatus.ENTEREDINERROR);
    }

    /** The updates that put retired Observations back, with the status every extracted Observation is given. */
    private static List<Bundle.BundleEntryComponent> reinstatements(List<Observation> retired) {
        return statusChanges(retired.stream().filter(o -> o.getStatus() == Observation.ObservationStatus.ENTEREDINERROR).toList(),
                EXTRACTED);
    }

    private static List<Bundle.BundleEntryComponent> statusChanges(List<Observation> observations, Observation.ObservationStatus status) {
        List<Bundle.BundleEntryComponent> out = new ArrayList<>();
        for (Observation o : observations) {
            o.setStatus(status);
            out.add(entry(o, Bundle.HTTPVerb.PUT, "Observation/" + o.getIdElement().getIdPart()));
        }
        return out;
    }

    /** Every Observation extracted from any version of this note, retired ones included. */
    private List<Observation> observationsOf(String noteId, SystemRequestDetails request) {
        SearchParameterMap map = SearchParameterMap.newSynchronous()
                .add(Observation.SP_DERIVED_FROM, new ReferenceParam("DocumentReference/" + noteId));
        return daos.getResourceDao(Observation.class).search(map, request).getAllResources().stream()
                .map(Observation.class::cast).toList();
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
