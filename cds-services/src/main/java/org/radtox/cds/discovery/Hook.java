package org.radtox.cds.discovery;

import java.util.Optional;

/**
 * The hooks RadTox answers. Each carries {@code context.patientId}, which is all the toxicity service needs;
 * the encounter hooks add {@code encounterId}.
 */
public enum Hook {
    /** The chart opens. */
    PATIENT_VIEW("patient-view"),
    /** An encounter begins: the clinician is about to see the patient. */
    ENCOUNTER_START("encounter-start"),
    /** The patient is being discharged: a last look at what the notes documented. */
    ENCOUNTER_DISCHARGE("encounter-discharge");

    private final String id;

    Hook(String id) {
        this.id = id;
    }

    /** The hook's name as CDS Hooks spells it. */
    public String id() {
        return id;
    }

    public static Optional<Hook> of(String id) {
        for (Hook h : values()) {
            if (h.id.equals(id)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }
}
