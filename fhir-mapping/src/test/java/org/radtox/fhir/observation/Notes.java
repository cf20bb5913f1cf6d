package org.radtox.fhir.observation;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;
import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.finding.Finding;
import org.radtox.student.note.Note;

/** Stored notes (id, version, subject) as the FHIR server hands them to the mapper, and the student that reads them. */
public final class Notes {

    public static final EmbeddedStudent STUDENT = EmbeddedStudent.bundled();

    private Notes() {
    }

    /** {@code DocumentReference/{id}/_history/{version}} of Patient/{patient}, dated, in an encounter. */
    public static DocumentReference stored(String id, String version, String patient, String text) {
        DocumentReference doc = new DocumentReference();
        doc.setIdElement(new IdType("DocumentReference", id, version));
        doc.setStatus(DocumentReferenceStatus.CURRENT);
        doc.setSubject(new Reference("Patient/" + patient));
        doc.setDateElement(new InstantType("2026-11-20T10:15:00+01:00"));
        doc.getContext().addEncounter(new Reference("Encounter/e-" + id));
        doc.addContent().getAttachment().setContentType("text/plain; charset=UTF-8")
                .setData(text.getBytes(StandardCharsets.UTF_8));
        return doc;
    }

    public static List<Finding> read(String text) {
        return STUDENT.extract(new Note("test", text));
    }
}
