package org.radtox.cds.invocation;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.radtox.cds.CdsProblem;
import org.radtox.cds.chart.PatientChart;
import org.radtox.cds.chart.ReadNote;
import org.radtox.cds.chart.RecordedToxicity;
import org.radtox.cds.chart.SkippedEntry;
import org.radtox.cds.discovery.ServiceDefinition;
import org.radtox.cds.discovery.ToxicityServices;
import org.radtox.fhir.notetext.BinaryResolver;
import org.radtox.fhir.notetext.NoteTextExtractor;
import org.radtox.fhir.notetext.UnreadableNoteTextException;
import org.radtox.student.Student;

/**
 * Gathers what one hook call needs: the recent notes and the toxicities already recorded, from the prefetch
 * when the client sent it ({@code null} meaning "known empty"), else from the EHR's FHIR server with the
 * client's token, else 412 as CDS Hooks 2.0 says. Then reads the notes in parallel on the reading threads
 * until the deadline; what is not read by then is counted, not waited for.
 */
public final class ChartReader {

    private static final Logger log = LoggerFactory.getLogger(ChartReader.class);

    private final EhrFhirClient ehr;
    private final NoteReader notes;
    private final RecordedToxicities recorded;
    private final ExecutorService fetching;
    private final ExecutorService reading;

    /**
     * @param ehr           reads the EHR's FHIR server when a prefetch key is missing
     * @param texts         reads note text out of a DocumentReference
     * @param student       the active student
     * @param cacheMaxNotes how many notes' findings to keep (by text hash and student version)
     * @param fetching      threads that wait on the EHR
     * @param reading       threads that read notes (CPU-bound: about one per core)
     */
    public ChartReader(FhirContext fhir, EhrFhirClient ehr, NoteTextExtractor texts, Student student, int cacheMaxNotes,
            ExecutorService fetching, ExecutorService reading) {
        this.ehr = ehr;
        this.notes = new NoteReader(fhir, texts, new FindingsCache(cacheMaxNotes), student, cacheMaxNotes);
        this.recorded = new RecordedToxicities(fhir);
        this.fetching = fetching;
        this.reading = reading;
    }

    public PatientChart read(CdsRequest request, ServiceDefinition service, Deadline deadline) throws CdsProblem {
        List<SkippedEntry> skipped = new ArrayList<>();
        Future<Bundle> notesFetch = null;
        List<NoteEntry> noteEntries = new ArrayList<>();
        Optional<PrefetchValue> notesPrefetch = usable(request.prefetched(ToxicityServices.NOTES));
        if (notesPrefetch.isPresent()) {
            noteEntries.addAll(noteEntries(ToxicityServices.NOTES, notesPrefetch.get(), skipped));
        } else if (request.canFetch()) {
            notesFetch = fetch(request, service, ToxicityServices.NOTES);
        } else {
            throw new CdsProblem(412, "not-found", "prefetch '" + ToxicityServices.NOTES + "' is missing and the request"
                    + " gives no fhirServer and fhirAuthorization to fetch it with; RadTox needs the patient's notes");
        }
        Future<Bundle> recordedFetch = null;
        List<RecordedToxicity> alreadyRecorded = new ArrayList<>();
        boolean recordedKnown = true;
        Optional<PrefetchValue> recordedPrefetch = usable(request.prefetched(ToxicityServices.RECORDED));
        if (recordedPrefetch.isPresent()) {
            alreadyRecorded.addAll(recorded.read(ToxicityServices.RECORDED, recordedPrefetch.get(), skipped));
        } else if (request.canFetch()) {
            recordedFetch = fetch(request, service, ToxicityServices.RECORDED);
        } else {
            recordedKnown = false;
        }
        if (notesFetch != null) {
            Bundle bundle = await(notesFetch, deadline, "the notes");
            noteEntries.addAll(fetchedNotes(bundle, skipped));
        }
        // The notes are read while the recorded toxicities are still on their way.
        List<Future<NoteReader.Outcome>> reads = startReading(request, noteEntries);
        if (recordedFetch != null) {
            try {
                alreadyRecorded.addAll(recorded.read(await(recordedFetch, deadline, "recorded toxicities"), skipped));
            } catch (CdsProblem e) {
                // Not fatal: the cards are still right, they only cannot say what is recorded already.
                log.warn("CDS hook {}: {}", request.hookInstance(), e.getMessage());
                recordedKnown = false;
            }
        }
        return collect(request, noteEntries, reads, alreadyRecorded, recordedKnown, skipped, deadline);
    }

    /** A prefetched OperationOutcome (CDS Hooks 2.0: the client's prefetch failed) counts as not prefetched. */
    private static Optional<PrefetchValue> usable(Optional<PrefetchValue> value) {
        return value.filter(v -> !(v instanceof PrefetchValue.Provided p && p.resourceType().equals("OperationOutcome")));
    }

    private List<NoteEntry> noteEntries(String key, PrefetchValue value, List<SkippedEntry> skipped) throws CdsProblem {
        if (value instanceof PrefetchValue.KnownEmpty) {
            return List.of();
        }
        PrefetchValue.Provided provided = (PrefetchValue.Provided) value;
        JsonNode resource = provided.resource();
        if (provided.resourceType().equals("DocumentReference")) {
            return List.of(new NoteEntry.Prefetched(key, resource));
        }
        if (!provided.resourceType().equals("Bundle")) {
            throw CdsProblem.invalid("prefetch '" + key + "' must be a Bundle of DocumentReference, not a "
                    + provided.resourceType());
        }
        List<NoteEntry> entries = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : resource.path("entry")) {
            String label = key + " entry " + i++;
            JsonNode r = entry.path("resource");
            String type = r.path("resourceType").asText("");
            if (type.equals("DocumentReference")) {
                entries.add(new NoteEntry.Prefetched(label, r));
            } else if (!isSearchOutcome(entry)) {
                skipped.add(new SkippedEntry(label, type.isEmpty() ? "it holds no resource"
                        : "it is a " + type + ", not a DocumentReference"));
            }
        }
        return entries;
    }

    private static boolean isSearchOutcome(JsonNode entry) {
        return entry.path("resource").path("resourceType").asText().equals("OperationOutcome")
                && entry.path("search").path("mode").asText().equals("outcome");
    }

    private List<NoteEntry> fetchedNotes(Bundle bundle, List<SkippedEntry> skipped) {
        List<NoteEntry> entries = new ArrayList<>();
        int i = 0;
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            String label = "fetched note " + i++;
            Resource r = e.getResource();
            if (r instanceof DocumentReference doc) {
                entries.add(new NoteEntry.Fetched(label, doc));
            } else if (r != null && !(e.hasSearch() && e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME)) {
                skipped.add(new SkippedEntry(label, "it is a " + r.fhirType() + ", not a DocumentReference"));
            }
        }
        return entries;
    }

    private Future<Bundle> fetch(CdsRequest request, ServiceDefinition service, String key) throws CdsProblem {
        String query = PrefetchTemplate.render(service.prefetch().get(key), request.context());
        try {
            return fetching.submit(() -> ehr.search(request.fhirServer(), request.fhirAuthorization().accessToken(), query));
        } catch (RejectedExecutionException e) {
            throw new CdsProblem(503, "transient", "too many reads of EHR FHIR servers in flight; try again");
        }
    }

    private static Bundle await(Future<Bundle> fetch, Deadline deadline, String what) throws CdsProblem {
        try {
            return fetch.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            fetch.cancel(true);
            throw new CdsProblem(412, "timeout", "the EHR's FHIR server did not send " + what
                    + " within RadTox's deadline; no cards without the notes");
        } catch (ExecutionException e) {
            throw new CdsProblem(412, "exception", "RadTox could not fetch " + what + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdsProblem(503, "transient", "interrupted while fetching " + what);
        }
    }

    private List<Future<NoteReader.Outcome>> startReading(CdsRequest request, List<NoteEntry> entries) {
        String patientId = request.context().patientId();
        BinaryResolver binaries = binaries(request);
        List<Future<NoteReader.Outcome>> work = new ArrayList<>(entries.size());
        for (NoteEntry entry : entries) {
            work.add(reading.submit(() -> notes.read(entry, patientId, binaries)));
        }
        return work;
    }

    private PatientChart collect(CdsRequest request, List<NoteEntry> entries, List<Future<NoteReader.Outcome>> work,
            List<RecordedToxicity> alreadyRecorded, boolean recordedKnown, List<SkippedEntry> skipped, Deadline deadline) {
        String patientId = request.context().patientId();
        List<ReadNote> read = new ArrayList<>();
        int unread = 0;
        for (int i = 0; i < work.size(); i++) {
            Future<NoteReader.Outcome> f = work.get(i);
            try {
                NoteReader.Outcome outcome = f.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
                if (outcome instanceof NoteReader.Outcome.Read r) {
                    read.add(r.note());
                } else if (outcome instanceof NoteReader.Outcome.Skipped s) {
                    skipped.add(s.entry());
                }
            } catch (TimeoutException | CancellationException e) {
                f.cancel(false);
                unread++;
            } catch (ExecutionException e) {
                // A defect in reading one note must not cost the others their cards.
                log.error("CDS hook {}: reading {} failed", request.hookInstance(), entries.get(i).label(), e.getCause());
                skipped.add(new SkippedEntry(entries.get(i).label(), "it could not be read (an error in RadTox, logged)"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unread += work.size() - i;
                break;
            }
        }
        if (unread > 0) {
            log.warn("CDS hook {}: {} of {} notes not read within the deadline", request.hookInstance(), unread, work.size());
        }
        if (!skipped.isEmpty()) {
            skipped.forEach(s -> log.info("CDS hook {}: skipped {}: {}", request.hookInstance(), s.what(), s.reason()));
        }
        // Newest first; undated notes after dated ones, in the order the EHR gave them.
        read.sort(Comparator.comparing(ReadNote::when, Comparator.nullsLast(Comparator.<Instant>reverseOrder())));
        return new PatientChart(patientId, read, alreadyRecorded, recordedKnown, skipped, entries.size(), unread);
    }

    /**
     * Attachments in a {@code Binary} of the EHR's own FHIR server are read with the client's token; RadTox never
     * follows a URL anywhere else.
     */
    private BinaryResolver binaries(CdsRequest request) {
        if (!request.canFetch()) {
            return BinaryResolver.NONE;
        }
        URI base = request.fhirServer();
        String baseText = base.toString().replaceAll("/$", "");
        return url -> {
            boolean relative = url.startsWith("Binary/");
            if (!relative && !url.startsWith(baseText + "/Binary/")) {
                return Optional.empty();
            }
            try {
                return ehr.binary(base, request.fhirAuthorization().accessToken(), url);
            } catch (EhrFhirClient.EhrFetchException e) {
                throw new UnreadableNoteTextException(UnreadableNoteTextException.Problem.UNRESOLVED_URL,
                        "attachment " + url + ": " + e.getMessage());
            }
        };
    }
}
