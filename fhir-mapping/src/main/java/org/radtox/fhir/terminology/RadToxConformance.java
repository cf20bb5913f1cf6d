package org.radtox.fhir.terminology;

import java.util.List;
import java.util.Objects;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.ElementDefinition.DiscriminatorType;
import org.hl7.fhir.r4.model.ElementDefinition.SlicingRules;
import org.hl7.fhir.r4.model.Enumerations.BindingStrength;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.ExtensionContextType;
import org.hl7.fhir.r4.model.StructureDefinition.StructureDefinitionKind;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.radtox.fhir.RadToxFhir;
import org.radtox.student.catalog.CtcaeTerm;
import org.radtox.student.symptoms.Symptom;
import org.radtox.student.symptoms.SymptomSet;

/**
 * What RadTox publishes about what it emits, so that a client (and the validator) can check a toxicity
 * Observation without asking anyone: the code systems and value sets of symptom keys, grades and the
 * toxicity category, the evidence extension, and the toxicity Observation profile. The server serves
 * these; {@link EmittedResourceValidator} validates against them.
 *
 * <p>The StructureDefinitions carry a differential only; {@link EmittedResourceValidator#conformanceResources()}
 * has them with generated snapshots, which is what a server should serve.
 */
public final class RadToxConformance {

    private static final String FHIR_SD = "http://hl7.org/fhir/StructureDefinition/";
    private static final String PUBLISHER = "RadTox";

    /**
     * CTCAE v5.0's general grade descriptions (the front matter of the sheet); grade 0 is RadTox's: the
     * note says the symptom is not there, which CTCAE does not grade but quality teams count.
     */
    private static final List<String> GRADE_DEFINITIONS = List.of(
            "Absent: the note states that the patient does not have the adverse event now.",
            "Mild; asymptomatic or mild symptoms; clinical or diagnostic observations only; intervention not indicated.",
            "Moderate; minimal, local or noninvasive intervention indicated; limiting age-appropriate instrumental ADL.",
            "Severe or medically significant but not immediately life-threatening; hospitalization or prolongation of"
                    + " hospitalization indicated; disabling; limiting self care ADL.",
            "Life-threatening consequences; urgent intervention indicated.",
            "Death related to adverse event.");

    private RadToxConformance() {
    }

    /** Code systems, then value sets, then the extension, then the profile that uses them all. */
    public static List<Resource> resources(SymptomSet set) {
        return List.of(symptomCodeSystem(set), gradeCodeSystem(), categoryCodeSystem(), symptomValueSet(),
                gradeValueSet(), evidenceExtension(), toxicityObservationProfile());
    }

    /** One concept per symptom key of the set; its definition names the CTCAE term and MedDRA code. */
    public static CodeSystem symptomCodeSystem(SymptomSet set) {
        Objects.requireNonNull(set, "set");
        CodeSystem cs = codeSystem(RadToxFhir.SYMPTOM_SYSTEM, "symptom", "RadToxSymptom", "RadTox symptom keys",
                "The toxicities RadTox finds in clinical notes (symptom set '" + set.id() + "'), each coded by a CTCAE"
                        + " v5.0 term.", RadToxFhir.SYMPTOM_VALUE_SET);
        for (Symptom s : set.symptoms()) {
            CtcaeTerm term = s.term();
            String definition = "CTCAE v5.0 term '" + term.name() + "' (MedDRA " + term.meddraCode() + "), grades "
                    + s.grades() + (term.definition().isBlank() ? "." : ": " + term.definition());
            cs.addConcept().setCode(s.key()).setDisplay(s.display()).setDefinition(definition);
        }
        return cs.setCount(cs.getConcept().size());
    }

    /** Grades "0" (absent) to "5", displayed "Grade N" as in every toxicity Observation. */
    public static CodeSystem gradeCodeSystem() {
        CodeSystem cs = codeSystem(RadToxFhir.GRADE_SYSTEM, "ctcae-grade", "RadToxCtcaeGrade", "CTCAE grade",
                "CTCAE v5.0 grades 1 to 5, and grade 0 for a symptom the note states is absent. The criteria of a grade"
                        + " depend on the term; an Observation's value text gives them.", RadToxFhir.GRADE_VALUE_SET);
        for (int grade = 0; grade < GRADE_DEFINITIONS.size(); grade++) {
            cs.addConcept().setCode(Integer.toString(grade)).setDisplay("Grade " + grade)
                    .setDefinition(GRADE_DEFINITIONS.get(grade));
        }
        return cs.setCount(cs.getConcept().size());
    }

    /** The one category HL7 has no code for: "this Observation is a toxicity RadTox found". */
    public static CodeSystem categoryCodeSystem() {
        CodeSystem cs = codeSystem(RadToxFhir.CATEGORY_SYSTEM, "observation-category", "RadToxObservationCategory",
                "RadTox Observation category", "Categories of the Observations RadTox emits.", null);
        cs.addConcept().setCode(RadToxFhir.TOXICITY_CATEGORY).setDisplay("Toxicity")
                .setDefinition("A CTCAE-graded toxicity found in a clinical note by a RadTox student.");
        return cs.setCount(cs.getConcept().size());
    }

    public static ValueSet symptomValueSet() {
        return valueSet(RadToxFhir.SYMPTOM_VALUE_SET, "symptom", "RadToxSymptoms", "RadTox symptoms",
                "Every RadTox symptom key.", RadToxFhir.SYMPTOM_SYSTEM);
    }

    public static ValueSet gradeValueSet() {
        return valueSet(RadToxFhir.GRADE_VALUE_SET, "ctcae-grade", "RadToxCtcaeGrades", "CTCAE grades",
                "CTCAE grades 0 (absent) to 5.", RadToxFhir.GRADE_SYSTEM);
    }

    /**
     * A complex extension on Observation: {@code quote} (the exact words), {@code start} and {@code end}
     * (their offsets in the note text), all required. The invariants are the evidence guarantee in
     * FHIRPath: the offsets are in order and span the quote.
     */
    public static StructureDefinition evidenceExtension() {
        StructureDefinition sd = structureDefinition(RadToxFhir.EVIDENCE_EXTENSION, "evidence", "RadToxEvidence",
                "Evidence", "The words of the note that show a finding, and where they stand in the note text (Java"
                        + " string offsets, end exclusive).", "Extension", StructureDefinitionKind.COMPLEXTYPE);
        sd.addContext().setType(ExtensionContextType.ELEMENT).setExpression("Observation");
        ElementDefinition root = element(sd, "Extension").setShort("The quote that shows a finding")
                .setDefinition("The exact words of the note that show the finding, with their character offsets.")
                .setMin(0).setMax("1");
        root.addConstraint().setKey("rtx-ev-1").setSeverity(ElementDefinition.ConstraintSeverity.ERROR)
                .setHuman("start is not after end")
                .setExpression("extension('start').value.single() <= extension('end').value.single()");
        root.addConstraint().setKey("rtx-ev-2").setSeverity(ElementDefinition.ConstraintSeverity.ERROR)
                .setHuman("the quote is exactly as long as end - start")
                .setExpression("extension('quote').value.single().length()"
                        + " = extension('end').value.single() - extension('start').value.single()");
        element(sd, "Extension.extension").setMin(3).getSlicing().setRules(SlicingRules.OPEN).setOrdered(false)
                .addDiscriminator().setType(DiscriminatorType.VALUE).setPath("url");
        subExtension(sd, RadToxFhir.EVIDENCE_QUOTE, "string", "The exact words of the note");
        subExtension(sd, RadToxFhir.EVIDENCE_START, "integer", "Offset of the quote's first character in the note text");
        subExtension(sd, RadToxFhir.EVIDENCE_END, "integer", "Offset just after the quote's last character");
        element(sd, "Extension.url").setFixed(new UriType(RadToxFhir.EVIDENCE_EXTENSION));
        element(sd, "Extension.value[x]").setMax("0");
        return sd;
    }

    /**
     * The toxicity Observation: the symptom as MedDRA and RadTox codings (the RadTox one bound to the
     * symptom value set), the grade as a required coded value, and everything that makes a machine reading
     * traceable made mandatory: subject, issued, the exact note version, the student Device and the
     * evidence.
     */
    public static StructureDefinition toxicityObservationProfile() {
        // Differential elements must follow the order of Observation's own elements (device comes before
        // derivedFrom); an element out of order is silently left out of the snapshot.
        StructureDefinition sd = structureDefinition(RadToxFhir.TOXICITY_OBSERVATION_PROFILE, "toxicity-observation",
                "RadToxToxicityObservation", "Toxicity Observation", "A CTCAE v5.0 toxicity that a RadTox student found"
                        + " in a clinical note, with its grade, its evidence and the student version.", "Observation",
                StructureDefinitionKind.RESOURCE);
        element(sd, "Observation").setShort("A CTCAE toxicity found in a note")
                .setDefinition("One symptom a note speaks of: present with its CTCAE grade, or stated absent (grade 0).")
                .addConstraint().setKey("rtx-tox-1").setSeverity(ElementDefinition.ConstraintSeverity.ERROR)
                .setHuman("derivedFrom points at an exact note version (DocumentReference/{id}/_history/{version})")
                .setExpression("derivedFrom.all(reference.contains('/_history/'))");
        element(sd, "Observation.meta.profile").setMin(1);
        element(sd, "Observation.extension").setMin(1).getSlicing().setRules(SlicingRules.OPEN).setOrdered(false)
                .addDiscriminator().setType(DiscriminatorType.VALUE).setPath("url");
        slice(sd, "Observation.extension", "evidence").setMin(1).setMax("1")
                .addType().setCode("Extension").addProfile(RadToxFhir.EVIDENCE_EXTENSION);
        element(sd, "Observation.category").setMin(1).getSlicing().setRules(SlicingRules.OPEN).setOrdered(false)
                .addDiscriminator().setType(DiscriminatorType.VALUE).setPath("$this");
        slice(sd, "Observation.category", "toxicity").setMin(1).setMax("1")
                .setPattern(new CodeableConcept().addCoding(
                        new Coding().setSystem(RadToxFhir.CATEGORY_SYSTEM)
                                .setCode(RadToxFhir.TOXICITY_CATEGORY)));
        element(sd, "Observation.code.coding").setMin(2).getSlicing().setRules(SlicingRules.OPEN).setOrdered(false)
                .addDiscriminator().setType(DiscriminatorType.VALUE).setPath("system");
        slice(sd, "Observation.code.coding", "meddra").setMin(1).setMax("1")
                .setShort("The CTCAE term as MedDRA (LLT code and term)");
        element(sd, "Observation.code.coding:meddra.system", "Observation.code.coding.system").setMin(1)
                .setFixed(new UriType(RadToxFhir.MEDDRA_SYSTEM));
        element(sd, "Observation.code.coding:meddra.code", "Observation.code.coding.code").setMin(1);
        slice(sd, "Observation.code.coding", "symptom").setMin(1).setMax("1").setShort("The RadTox symptom key")
                .getBinding().setStrength(BindingStrength.REQUIRED).setValueSet(RadToxFhir.SYMPTOM_VALUE_SET);
        element(sd, "Observation.code.coding:symptom.system", "Observation.code.coding.system").setMin(1)
                .setFixed(new UriType(RadToxFhir.SYMPTOM_SYSTEM));
        element(sd, "Observation.code.coding:symptom.code", "Observation.code.coding.code").setMin(1);
        element(sd, "Observation.subject").setMin(1);
        element(sd, "Observation.issued").setMin(1);
        ElementDefinition value = element(sd, "Observation.value[x]").setMin(1)
                .setShort("The CTCAE grade; its text is the grade's criteria for this term");
        value.addType().setCode("CodeableConcept");
        value.getBinding().setStrength(BindingStrength.REQUIRED).setValueSet(RadToxFhir.GRADE_VALUE_SET);
        element(sd, "Observation.device").setMin(1).setShort("The student version that read the note")
                .addType().setCode("Reference").addTargetProfile(FHIR_SD + "Device");
        element(sd, "Observation.derivedFrom").setMin(1).setShort("The exact note version (versioned reference)")
                .addType().setCode("Reference").addTargetProfile(FHIR_SD + "DocumentReference");
        return sd;
    }

    private static CodeSystem codeSystem(String url, String id, String name, String title, String description,
                                         String allCodesValueSet) {
        CodeSystem cs = new CodeSystem();
        describe(cs, url, id, name, title, description);
        cs.setCaseSensitive(true);
        cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        if (allCodesValueSet != null) {
            cs.setValueSet(allCodesValueSet);
        }
        return cs;
    }

    private static ValueSet valueSet(String url, String id, String name, String title, String description,
                                     String system) {
        ValueSet vs = new ValueSet();
        describe(vs, url, id, name, title, description);
        vs.setImmutable(false);
        vs.getCompose().addInclude().setSystem(system);
        return vs;
    }

    private static StructureDefinition structureDefinition(String url, String id, String name, String title,
                                                           String description, String type,
                                                           StructureDefinitionKind kind) {
        StructureDefinition sd = new StructureDefinition();
        describe(sd, url, id, name, title, description);
        sd.setFhirVersion(FHIRVersion._4_0_1);
        sd.setKind(kind);
        sd.setAbstract(false);
        sd.setType(type);
        sd.setBaseDefinition(FHIR_SD + type);
        sd.setDerivation(TypeDerivationRule.CONSTRAINT);
        return sd;
    }

    private static void describe(MetadataResource r, String url, String id, String name, String title,
                                 String description) {
        r.setId(id);
        r.setUrl(url);
        r.setVersion(RadToxFhir.CONFORMANCE_VERSION);
        r.setName(name);
        r.setTitle(title);
        r.setStatus(PublicationStatus.ACTIVE);
        r.setExperimental(false);
        r.setPublisher(PUBLISHER);
        r.setDescription(description);
    }

    private static ElementDefinition element(StructureDefinition sd, String path) {
        return element(sd, path, path);
    }

    /** An element with an id that is not its path (inside a slice: {@code Extension.extension:quote.url}). */
    private static ElementDefinition element(StructureDefinition sd, String id, String path) {
        ElementDefinition e = sd.getDifferential().addElement().setPath(path);
        e.setId(id);
        return e;
    }

    /** A slice of {@code path} named {@code sliceName}: id {@code path:sliceName}. */
    private static ElementDefinition slice(StructureDefinition sd, String path, String sliceName) {
        return element(sd, path + ":" + sliceName, path).setSliceName(sliceName);
    }

    private static void subExtension(StructureDefinition sd, String name, String valueType, String meaning) {
        String slice = "Extension.extension:" + name;
        slice(sd, "Extension.extension", name).setMin(1).setMax("1").setShort(meaning);
        element(sd, slice + ".extension", "Extension.extension.extension").setMax("0");
        element(sd, slice + ".url", "Extension.extension.url").setFixed(new UriType(name));
        element(sd, slice + ".value[x]", "Extension.extension.value[x]").setMin(1).addType().setCode(valueType);
    }
}
