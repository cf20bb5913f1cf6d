package org.radtox.fhir.observation;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.radtox.fhir.RadToxFhir;
import org.radtox.student.catalog.CtcaeTerm;
import org.radtox.student.finding.Evidence;
import org.radtox.student.finding.Finding;
import org.radtox.student.finding.Status;
import org.radtox.student.symptoms.Symptom;
import org.radtox.student.symptoms.SymptomSet;

/**
 * The findings of one note version as toxicity {@link Observation}s, one per finding: present ones with
 * their CTCAE grade 1..5, absent ones with grade 0 (quality teams need the denominator). Every
 * Observation conforms to {@link RadToxFhir#TOXICITY_OBSERVATION_PROFILE}: {@code code} is the CTCAE
 * term as MedDRA plus the RadTox symptom key, {@code value} the grade with its CTCAE criteria, and the
 * evidence quote with its offsets rides in the {@link RadToxFhir#EVIDENCE_EXTENSION} extension.
 *
 * <p>The Observations have no id: the server assigns them. Thread-safe.
 */
public final class ToxicityObservationMapper {

    /** What a grade-0 value says in words; CTCAE has no grade 0 criteria. */
    static final String ABSENT_TEXT = "Absent";

    private final SymptomSet symptoms;

    private ToxicityObservationMapper(Builder b) {
        this.symptoms = b.symptoms;
    }

    public static Builder builder() {
        return new Builder();
    }

    public SymptomSet symptomSet() {
        return symptoms;
    }

    /**
     * @param note           the stored note version the findings were read from (id and version required)
     * @param findings       the student's findings of that note's text
     * @param studentVersion the version of the student that produced them
     * @param issued         when the findings were made available
     * @throws IllegalArgumentException when the note has no subject, no id or no version, or a finding
     *                                  names a symptom the set does not have or a grade it cannot carry
     */
    public List<Observation> map(DocumentReference note, List<Finding> findings, String studentVersion, Date issued) {
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(findings, "findings");
        Objects.requireNonNull(issued, "issued");
        if (!note.hasSubject()) {
            throw new IllegalArgumentException("the DocumentReference has no subject: a toxicity Observation must say"
                    + " whose it is, and the note does not");
        }
        Reference derivedFrom = NoteReferences.versioned(note);
        Reference device = new Reference("Device/" + StudentDevice.idFor(studentVersion))
                .setDisplay("RadTox student " + studentVersion);
        List<Observation> observations = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            Observation o = new Observation();
            o.getMeta().addProfile(RadToxFhir.TOXICITY_OBSERVATION_PROFILE);
            o.getMeta().addTag(RadToxFhir.STUDENT_VERSION_SYSTEM, studentVersion, null);
            o.addExtension(evidence(finding.evidence()));
            // Preliminary until a clinician confirms: this is a machine reading of the note.
            o.setStatus(Observation.ObservationStatus.PRELIMINARY);
            o.addCategory().addCoding(new Coding(RadToxFhir.HL7_OBSERVATION_CATEGORY_SYSTEM, "exam", "Exam"));
            o.addCategory().addCoding(new Coding(RadToxFhir.CATEGORY_SYSTEM, RadToxFhir.TOXICITY_CATEGORY, "Toxicity"));
            Symptom symptom = symptom(finding);
            o.setCode(code(symptom));
            o.setValue(grade(symptom, finding));
            o.setSubject(note.getSubject().copy());
            encounter(note).ifPresent(o::setEncounter);
            effective(note).ifPresent(o::setEffective);
            o.setIssued(issued);
            o.addDerivedFrom(derivedFrom.copy());
            o.setDevice(device.copy());
            String producer = studentVersion;
            if (finding.producedBy() != null && !finding.producedBy().equals(studentVersion)) {
                // A fallback (the model server was down) or an ensemble member made this finding: the Observation
                // still belongs to the asked version's set, and says in method which student really read the note.
                producer = finding.producedBy() + " on behalf of " + studentVersion;
                o.setMethod(new CodeableConcept(new Coding(RadToxFhir.STUDENT_VERSION_SYSTEM, finding.producedBy(),
                        "RadTox student " + finding.producedBy())).setText("Produced by RadTox student " + producer));
            }
            o.setText(Narratives.generated(
                    symptom.display() + ": " + (finding.status() == Status.ABSENT ? "absent (grade 0)"
                            : "grade " + finding.grade()) + ", preliminary",
                    "Evidence: \"" + finding.evidence().text() + "\"",
                    "Found by RadTox student " + producer + " in " + derivedFrom.getReference()));
            o.addNote(new Annotation().setText("Evidence: \"" + finding.evidence().text() + "\"")
                    .setAuthor(new StringType("RadTox student " + studentVersion)));
            observations.add(o);
        }
        return observations;
    }

    private Symptom symptom(Finding finding) {
        return symptoms.symptom(finding.symptom()).orElseThrow(() -> new IllegalArgumentException(
                "finding for symptom '" + finding.symptom() + "', which symptom set " + symptoms.id() + " does not have"));
    }

    /** MedDRA first (what other systems understand), then the RadTox key (what the profile binds). */
    static CodeableConcept code(Symptom symptom) {
        CtcaeTerm term = symptom.term();
        CodeableConcept code = new CodeableConcept();
        code.addCoding(new Coding(RadToxFhir.MEDDRA_SYSTEM, Long.toString(term.meddraCode()), term.name()));
        code.addCoding(new Coding(RadToxFhir.SYMPTOM_SYSTEM, symptom.key(), symptom.display()));
        code.setText(symptom.display());
        return code;
    }

    /** The grade as a coded concept, with the CTCAE criteria of that grade for that term as its text. */
    static CodeableConcept grade(Symptom symptom, Finding finding) {
        Integer grade = finding.grade();
        if (grade == null) {
            throw new IllegalArgumentException("finding for '" + finding.symptom() + "' is present but has no grade;"
                    + " a toxicity Observation carries a CTCAE grade");
        }
        String text;
        if (finding.status() == Status.ABSENT) {
            text = ABSENT_TEXT;
        } else {
            text = symptom.allowsGrade(grade) ? symptom.term().criteria(grade).orElse(null) : null;
            if (text == null) {
                throw new IllegalArgumentException("finding for '" + finding.symptom() + "' has grade " + grade
                        + ", which CTCAE v5.0 term '" + symptom.term().name() + "' does not allow here " + symptom.grades());
            }
        }
        CodeableConcept value = new CodeableConcept();
        value.addCoding(new Coding(RadToxFhir.GRADE_SYSTEM, Integer.toString(grade), "Grade " + grade));
        value.setText(text);
        return value;
    }

    static Extension evidence(Evidence evidence) {
        Extension ext = new Extension(RadToxFhir.EVIDENCE_EXTENSION);
        ext.addExtension(RadToxFhir.EVIDENCE_QUOTE, new StringType(evidence.text()));
        ext.addExtension(RadToxFhir.EVIDENCE_START, new IntegerType(evidence.start()));
        ext.addExtension(RadToxFhir.EVIDENCE_END, new IntegerType(evidence.end()));
        return ext;
    }

    private static Optional<Reference> encounter(DocumentReference note) {
        return note.hasContext() && note.getContext().hasEncounter()
                ? Optional.of(note.getContext().getEncounterFirstRep().copy()) : Optional.empty();
    }

    /** When the note speaks of: its date, else the start of the period it covers. */
    private static Optional<DateTimeType> effective(DocumentReference note) {
        if (note.hasDate()) {
            return Optional.of(new DateTimeType(note.getDateElement().getValueAsString()));
        }
        if (note.hasContext() && note.getContext().hasPeriod() && note.getContext().getPeriod().hasStart()) {
            return Optional.of(note.getContext().getPeriod().getStartElement().copy());
        }
        return Optional.empty();
    }

    public static final class Builder {
        private SymptomSet symptoms;

        public Builder symptomSet(SymptomSet symptoms) {
            this.symptoms = Objects.requireNonNull(symptoms, "symptoms");
            return this;
        }

        public ToxicityObservationMapper build() {
            if (symptoms == null) {
                symptoms = SymptomSet.prostateRt();
            }
            return new ToxicityObservationMapper(this);
        }
    }
}
