package org.radtox.server.dashboard.findings;

import java.time.LocalDate;
import java.util.Optional;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Type;

import org.radtox.fhir.RadToxFhir;

/**
 * Keeps {@link FindingsTable} in step with the FHIR store, inside HAPI's write transactions (the
 * pre-commit pointcuts): a toxicity Observation created, updated (e.g. turned {@code entered-in-error}
 * when its note changed) or deleted changes its row in the same commit, and a stored note version records
 * its type and radiotherapy course. If the row cannot be written the Observation is not stored either.
 */
@Interceptor
public final class FindingsInterceptor {

    /** The date radiotherapy started for the course a note belongs to ({@code valueDate}), on a DocumentReference. */
    public static final String RT_START_EXTENSION = RadToxFhir.BASE + "/StructureDefinition/rt-course-start";
    /** The radiotherapy technique of that course ({@code valueString} or {@code valueCoding}, e.g. IMRT, SBRT). */
    public static final String TECHNIQUE_EXTENSION = RadToxFhir.BASE + "/StructureDefinition/rt-technique";

    private final FindingsTable table;

    public FindingsInterceptor(FindingsTable table) {
        this.table = table;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        keep(resource, true);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        keep(resource, false);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if (resource instanceof Observation o && isToxicity(o)) {
            table.forget(o.getIdElement().getIdPart());
        }
    }

    private void keep(IBaseResource resource, boolean created) {
        if (resource instanceof Observation o && isToxicity(o)) {
            finding(o).ifPresent(row -> table.record(row, created));
        } else if (resource instanceof DocumentReference note && note.getIdElement().hasVersionIdPart()) {
            table.recordNote(facts(note));
        }
    }

    static boolean isToxicity(Observation o) {
        return o.getMeta().hasProfile(RadToxFhir.TOXICITY_OBSERVATION_PROFILE) || symptom(o) != null;
    }

    /** The row of a toxicity Observation; empty when it lacks what a finding needs (symptom, grade, patient). */
    static Optional<FindingRow> finding(Observation o) {
        String symptom = symptom(o);
        Integer grade = o.hasValueCodeableConcept() ? code(o.getValueCodeableConcept(), RadToxFhir.GRADE_SYSTEM)
                .map(FindingsInterceptor::integer).orElse(null) : null;
        if (symptom == null || grade == null || !o.getSubject().hasReference()) {
            return Optional.empty();
        }
        String noteId = null;
        long noteVersion = 0;
        if (o.hasDerivedFrom() && o.getDerivedFromFirstRep().hasReference()) {
            IdType note = new IdType(o.getDerivedFromFirstRep().getReference());
            noteId = note.getIdPart();
            noteVersion = note.hasVersionIdPart() ? note.getVersionIdPartAsLong() : 0;
        }
        Extension evidence = o.getExtensionByUrl(RadToxFhir.EVIDENCE_EXTENSION);
        String quote = null;
        Integer start = null;
        Integer end = null;
        if (evidence != null) {
            quote = evidence.getExtensionString(RadToxFhir.EVIDENCE_QUOTE);
            start = intValue(evidence.getExtensionByUrl(RadToxFhir.EVIDENCE_START));
            end = intValue(evidence.getExtensionByUrl(RadToxFhir.EVIDENCE_END));
        }
        Coding tag = o.getMeta().getTag(RadToxFhir.STUDENT_VERSION_SYSTEM, null);
        String student = tag == null ? o.getMeta().getTag().stream().filter(t -> RadToxFhir.STUDENT_VERSION_SYSTEM.equals(t.getSystem()))
                .map(Coding::getCode).findFirst().orElse("unknown") : tag.getCode();
        return Optional.of(new FindingRow(o.getIdElement().getIdPart(), new IdType(o.getSubject().getReference()).getIdPart(),
                noteId, noteVersion, o.hasEncounter() ? o.getEncounter().getReference() : null, day(o.getEffective()), symptom,
                grade > 0, grade, student, quote, start, end,
                o.getStatus() == null ? "unknown" : o.getStatus().toCode()));
    }

    static NoteFacts facts(DocumentReference note) {
        LocalDate date = note.hasDate() ? day(note.getDateElement())
                : note.hasContext() && note.getContext().hasPeriod() ? day(note.getContext().getPeriod().getStartElement()) : null;
        String type = null;
        if (note.hasType()) {
            CodeableConcept t = note.getType();
            type = t.hasText() ? t.getText() : t.getCodingFirstRep().hasDisplay() ? t.getCodingFirstRep().getDisplay()
                    : t.getCodingFirstRep().getCode();
        }
        Extension start = note.getExtensionByUrl(RT_START_EXTENSION);
        Extension technique = note.getExtensionByUrl(TECHNIQUE_EXTENSION);
        String techniqueText = null;
        if (technique != null && technique.getValue() instanceof Coding c) {
            techniqueText = c.hasDisplay() ? c.getDisplay() : c.getCode();
        } else if (technique != null && technique.getValue() instanceof PrimitiveType<?> p) {
            techniqueText = p.getValueAsString();
        }
        return new NoteFacts(note.getIdElement().getIdPart(), note.getIdElement().getVersionIdPartAsLong(),
                note.getSubject().hasReference() ? new IdType(note.getSubject().getReference()).getIdPart() : null, date,
                type, start == null ? null : day(start.getValue()), techniqueText);
    }

    private static String symptom(Observation o) {
        return code(o.getCode(), RadToxFhir.SYMPTOM_SYSTEM).orElse(null);
    }

    private static Optional<String> code(CodeableConcept concept, String system) {
        return concept.getCoding().stream().filter(c -> system.equals(c.getSystem()) && c.hasCode()).map(Coding::getCode).findFirst();
    }

    private static Integer integer(String s) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer intValue(Extension e) {
        return e != null && e.getValue() instanceof IntegerType i ? i.getValue() : null;
    }

    /** The day as written (the note's own calendar day), not shifted to the server's time zone. */
    private static LocalDate day(Type value) {
        if (value instanceof BaseDateTimeType t && t.getValueAsString() != null && t.getValueAsString().length() >= 10) {
            return LocalDate.parse(t.getValueAsString().substring(0, 10));
        }
        return null;
    }
}
