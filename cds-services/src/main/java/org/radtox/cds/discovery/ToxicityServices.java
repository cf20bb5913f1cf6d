package org.radtox.cds.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.radtox.fhir.RadToxFhir;

/**
 * RadTox's CDS Services: one toxicity service per hook it answers, all running the same logic on the same
 * prefetch. {@code radtox-toxicity} answers {@code patient-view}; the encounter hooks have their own ids
 * because a CDS Service answers exactly one hook.
 */
public final class ToxicityServices {

    /** The patient's recent notes: what the student reads. */
    public static final String NOTES = "recentNotes";
    /** Toxicity Observations RadTox already recorded for the patient: history, and what not to suggest again. */
    public static final String RECORDED = "recordedToxicities";

    public static final String PATIENT_VIEW = "radtox-toxicity";
    public static final String ENCOUNTER_START = "radtox-toxicity-encounter-start";
    public static final String ENCOUNTER_DISCHARGE = "radtox-toxicity-encounter-discharge";

    /** How many notes are read: the most recent, as the EHR sorts them. */
    public static final int NOTES_COUNT = 20;

    private static final Map<String, String> PREFETCH = prefetch();

    private static final String DESCRIPTION = "Which CTCAE v5.0 toxicities after prostate radiotherapy the patient's"
            + " %d most recent notes document, at what grade, with the quote that shows it and the trend against earlier"
            + " notes (new, worsening, improving, persistent, resolved), and a one-click suggestion to record each as a"
            + " preliminary toxicity Observation. %s";

    private static final List<ServiceDefinition> ALL = List.of(
            new ServiceDefinition(PATIENT_VIEW, Hook.PATIENT_VIEW, "RadTox: radiotherapy toxicities in the notes",
                    String.format(DESCRIPTION, NOTES_COUNT, "Answers patient-view, when the chart opens."), PREFETCH),
            new ServiceDefinition(ENCOUNTER_START, Hook.ENCOUNTER_START, "RadTox: radiotherapy toxicities at encounter start",
                    String.format(DESCRIPTION, NOTES_COUNT, "Answers encounter-start."), PREFETCH),
            new ServiceDefinition(ENCOUNTER_DISCHARGE, Hook.ENCOUNTER_DISCHARGE,
                    "RadTox: radiotherapy toxicities at discharge",
                    String.format(DESCRIPTION, NOTES_COUNT, "Answers encounter-discharge."), PREFETCH));

    private ToxicityServices() {
    }

    private static Map<String, String> prefetch() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(NOTES, "DocumentReference?patient={{context.patientId}}&status=current&_sort=-date&_count=" + NOTES_COUNT);
        // A token search on RadTox's own category: exactly the toxicity Observations, whoever stored them.
        p.put(RECORDED, "Observation?patient={{context.patientId}}&category=" + RadToxFhir.CATEGORY_SYSTEM + "|"
                + RadToxFhir.TOXICITY_CATEGORY + "&_sort=-date&_count=100");
        return p;
    }

    public static List<ServiceDefinition> all() {
        return ALL;
    }

    public static Optional<ServiceDefinition> byId(String id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
