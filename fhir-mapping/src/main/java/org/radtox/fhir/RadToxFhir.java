package org.radtox.fhir;

import java.util.List;

/**
 * The canonical URLs RadTox mints, in one place: the server serves the resources behind them
 * ({@link org.radtox.fhir.terminology.RadToxConformance}), the mapper writes them into what it emits,
 * and a client searches by them. Changing one of these breaks every stored Observation's meaning, so
 * they are constants, not configuration.
 */
public final class RadToxFhir {

    /** Base of every RadTox canonical URL. Not a network address: nothing is fetched from it. */
    public static final String BASE = "http://radtox.org/fhir";

    /** The business version of every conformance resource RadTox publishes. */
    public static final String CONFORMANCE_VERSION = "1.0.0";

    /** Symptom keys of the symptom set ({@code nocturia}, {@code proctitis}, ...). */
    public static final String SYMPTOM_SYSTEM = BASE + "/CodeSystem/symptom";
    /** CTCAE grades {@code 0} (absent) to {@code 5}. */
    public static final String GRADE_SYSTEM = BASE + "/CodeSystem/ctcae-grade";
    /**
     * RadTox's own Observation category ({@link #TOXICITY_CATEGORY}), so that a client can ask for exactly
     * the toxicity Observations; HL7's categories have no such code.
     */
    public static final String CATEGORY_SYSTEM = BASE + "/CodeSystem/observation-category";
    public static final String TOXICITY_CATEGORY = "toxicity";

    public static final String SYMPTOM_VALUE_SET = BASE + "/ValueSet/symptom";
    public static final String GRADE_VALUE_SET = BASE + "/ValueSet/ctcae-grade";

    /** The profile every toxicity Observation claims in {@code meta.profile} and validates against. */
    public static final String TOXICITY_OBSERVATION_PROFILE = BASE + "/StructureDefinition/toxicity-observation";

    /** The quote that shows a finding and its character offsets in the note text. */
    public static final String EVIDENCE_EXTENSION = BASE + "/StructureDefinition/evidence";
    public static final String EVIDENCE_QUOTE = "quote";
    public static final String EVIDENCE_START = "start";
    public static final String EVIDENCE_END = "end";

    /**
     * {@code meta.tag} system (and Device identifier system) whose code is the student version that
     * produced a resource: "every emitted resource says which student version produced it".
     */
    public static final String STUDENT_VERSION_SYSTEM = BASE + "/student-version";

    /** MedDRA as HL7 names it; CTCAE v5.0 terms are MedDRA LLTs. */
    public static final String MEDDRA_SYSTEM = "http://terminology.hl7.org/CodeSystem/mdr";

    /** HL7 systems RadTox codes with. */
    public static final String HL7_OBSERVATION_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";
    public static final String HL7_PROVENANCE_PARTICIPANT_TYPE_SYSTEM =
            "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
    public static final String HL7_DATA_OPERATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-DataOperation";

    /**
     * Where RadTox writes versioned references ({@code DocumentReference/1/_history/2}). HAPI's parser
     * strips the version from every reference by default, which would silently turn "the exact note
     * version" into "whatever the note is now"; a FhirContext that stores or sends RadTox's resources must
     * list these paths in {@code getParserOptions().setDontStripVersionsFromReferencesAtPaths(...)}.
     */
    public static final List<String> VERSIONED_REFERENCE_PATHS =
            List.of("Observation.derivedFrom", "Provenance.target", "Provenance.entity.what");

    private RadToxFhir() {
    }
}
