package org.radtox.server.extraction;

import org.hl7.fhir.r4.model.Observation;

/**
 * What an extracted Observation was made from: a note version read by a student version. Its identifier
 * ({@link ExtractionWorker#EXTRACTION_IDENTIFIER}, value {@code note/noteVersion/studentVersion/symptom})
 * says so, which is how a note's Observations are told apart by note version and by student version.
 */
record ExtractionKey(String noteId, long noteVersion, String studentVersion) {

    /** The identifier value of this extraction's Observation of one symptom. */
    String of(String symptomCode) {
        return prefix() + symptomCode;
    }

    /** Whether this extraction made the Observation. */
    boolean made(Observation o) {
        return o.getIdentifier().stream().anyMatch(i -> ExtractionWorker.EXTRACTION_IDENTIFIER.equals(i.getSystem())
                && i.getValue() != null && i.getValue().startsWith(prefix()));
    }

    /** The note version an Observation was extracted from (its versioned derivedFrom reference). */
    static long noteVersionOf(Observation o) {
        String version = o.getDerivedFromFirstRep().getReferenceElement().getVersionIdPart();
        return version == null ? 0 : Long.parseLong(version);
    }

    private String prefix() {
        return noteId + "/" + noteVersion + "/" + studentVersion + "/";
    }
}
