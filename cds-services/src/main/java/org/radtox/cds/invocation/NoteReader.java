package org.radtox.cds.invocation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

import org.radtox.cds.chart.ReadNote;
import org.radtox.cds.chart.SkippedEntry;
import org.radtox.fhir.notetext.BinaryResolver;
import org.radtox.fhir.notetext.NoteText;
import org.radtox.fhir.notetext.NoteTextExtractor;
import org.radtox.fhir.notetext.UnreadableNoteTextException;
import org.radtox.student.Student;
import org.radtox.student.StudentUnavailableException;
import org.radtox.student.UnreadableNoteException;
import org.radtox.student.finding.Finding;
import org.radtox.student.version.StudentVersion;

/**
 * Reads one note of the chart: the DocumentReference, its text ({@link NoteTextExtractor}: plain text, HTML,
 * RTF, PDF, inline or a Binary on the EHR), and the student's findings (cached by text hash and version).
 * A note that cannot be read is skipped with its reason, never an error of the whole call; a note of another
 * patient is never read.
 */
final class NoteReader {

    private static final ObjectMapper KEY_WRITER = new ObjectMapper();

    /** What became of one note. */
    sealed interface Outcome {
        record Read(ReadNote note) implements Outcome {
        }

        record Skipped(SkippedEntry entry) implements Outcome {
        }
    }

    private final FhirContext fhir;
    private final NoteTextExtractor texts;
    private final FindingsCache cache;
    private final Student student;
    private final Cache<String, Outcome> prefetched;

    /** @param maxNotes how many prefetched notes' readings to keep as they arrived, besides the findings by text */
    NoteReader(FhirContext fhir, NoteTextExtractor texts, FindingsCache cache, Student student, int maxNotes) {
        this.fhir = fhir;
        this.texts = texts;
        this.cache = cache;
        this.student = student;
        this.prefetched = Caffeine.newBuilder().maximumSize(maxNotes).build();
    }

    /**
     * A prefetched note the EHR sends again exactly as before (same JSON, inline text, same patient, same student)
     * reads as before: no FHIR parsing, base64 decoding or text extraction on a chart opened twice. Notes whose text
     * lives in a Binary are always read afresh, since the Binary may have changed.
     */
    Outcome read(NoteEntry entry, String patientId, BinaryResolver binaries) {
        if (!(entry instanceof NoteEntry.Prefetched p) || hasUrlAttachment(p.json())) {
            return readAfresh(entry, patientId, binaries);
        }
        String key = key(patientId, p.json());
        Outcome known = prefetched.getIfPresent(key);
        if (known != null) {
            return known;
        }
        Outcome outcome = readAfresh(entry, patientId, binaries);
        if (outcome instanceof Outcome.Read) {
            // A skipped note is not kept: its reason names its place in this call's Bundle.
            prefetched.put(key, outcome);
        }
        return outcome;
    }

    /** SHA-256 of the student version, the patient and the note's JSON, streamed: no copy of the note is made. */
    private String key(String patientId, JsonNode json) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((student.version() + '\n' + patientId + '\n').getBytes(StandardCharsets.UTF_8));
            try (OutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
                KEY_WRITER.writeValue(digest, json);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("SHA-256 over a JSON tree in memory cannot fail", e);
        }
    }

    private static boolean hasUrlAttachment(JsonNode doc) {
        for (JsonNode content : doc.path("content")) {
            if (content.path("attachment").has("url")) {
                return true;
            }
        }
        return false;
    }

    private Outcome readAfresh(NoteEntry entry, String patientId, BinaryResolver binaries) {
        DocumentReference doc;
        try {
            doc = entry.parse(fhir);
        } catch (DataFormatException e) {
            return skipped(entry.label(), "not a valid DocumentReference: " + e.getMessage());
        }
        String reference = reference(doc, entry.label());
        if (doc.getStatus() == DocumentReferenceStatus.ENTEREDINERROR || doc.getStatus() == DocumentReferenceStatus.SUPERSEDED) {
            return skipped(reference, "its status is " + doc.getStatus().toCode());
        }
        if (!doc.hasSubject() || !doc.getSubject().hasReference()) {
            // The notes were asked for by patient: a note without subject is that patient's, and the
            // Observation suggested from it must say whose it is.
            doc.setSubject(new Reference("Patient/" + patientId));
        } else if (!isPatient(doc.getSubject(), patientId)) {
            return skipped(reference, "its subject is " + doc.getSubject().getReference() + ", not Patient/" + patientId
                    + ", the patient of this call");
        }
        String text;
        try {
            NoteText t = texts.extract(doc, binaries);
            text = t.text();
        } catch (UnreadableNoteTextException e) {
            return skipped(reference, "its text cannot be read: " + e.getMessage());
        }
        // The attachments are read; the DocumentReference is kept (cached, on cards) for its id, subject and dates.
        doc.getContent().clear();
        String sha = StudentVersion.sha256(text);
        List<Finding> findings;
        try {
            findings = cache.findings(student, text, sha);
        } catch (UnreadableNoteException e) {
            return skipped(reference, "the student cannot read it: " + e.getMessage());
        } catch (StudentUnavailableException e) {
            return skipped(reference, "the student cannot answer now: " + e.getMessage());
        }
        return new Outcome.Read(new ReadNote(reference, date(doc), when(doc), doc, text, sha, findings));
    }

    private static Outcome skipped(String what, String reason) {
        return new Outcome.Skipped(new SkippedEntry(what, reason));
    }

    /** {@code DocumentReference/{id}/_history/{version}} when the EHR gave a version, else without it. */
    private static String reference(DocumentReference doc, String label) {
        IdType id = doc.getIdElement();
        if (id == null || !id.hasIdPart()) {
            return label;
        }
        String version = id.hasVersionIdPart() ? id.getVersionIdPart() : doc.getMeta().getVersionId();
        return "DocumentReference/" + id.getIdPart() + (version == null || version.isBlank() ? "" : "/_history/" + version);
    }

    /** {@code Patient/{id}}, relative or absolute; a subject of any other type is never the patient. */
    private static boolean isPatient(Reference subject, String patientId) {
        IdType ref = new IdType(subject.getReference());
        return "Patient".equals(ref.getResourceType()) && patientId.equals(ref.getIdPart());
    }

    private static String date(DocumentReference doc) {
        if (doc.hasDate()) {
            return day(doc.getDateElement().getValueAsString());
        }
        if (doc.hasContext() && doc.getContext().hasPeriod() && doc.getContext().getPeriod().hasStart()) {
            return day(doc.getContext().getPeriod().getStartElement().getValueAsString());
        }
        return null;
    }

    /** The day as the EHR wrote it, in the note's own time zone: never shifted to the server's. */
    private static String day(String dateTime) {
        return dateTime.length() >= 10 ? dateTime.substring(0, 10) : dateTime;
    }

    private static Instant when(DocumentReference doc) {
        if (doc.hasDate()) {
            return doc.getDate().toInstant();
        }
        if (doc.hasContext() && doc.getContext().hasPeriod() && doc.getContext().getPeriod().hasStart()) {
            return doc.getContext().getPeriod().getStart().toInstant();
        }
        return null;
    }
}
