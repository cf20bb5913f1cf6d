package org.radtox.cds.cards;

import java.util.Date;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Observation;

import org.radtox.fhir.observation.ToxicityObservationMapper;

/**
 * The one-click suggestion to record a toxicity: a {@code create} action carrying the toxicity Observation,
 * made by the same {@link ToxicityObservationMapper} as the FHIR server's (same profile, codes, evidence
 * extension, versioned {@code derivedFrom}, student device), status preliminary. Not offered when the EHR has it
 * already, when the note gives no grade, or when the note came without a version id to point at.
 */
final class RecordingSuggestions {

    /** A suggestion, or why there is none. */
    record Offer(Card.Suggestion suggestion, String notOfferedBecause) {
    }

    private final FhirContext fhir;
    private final ToxicityObservationMapper mapper;
    private final ObjectMapper json;

    RecordingSuggestions(FhirContext fhir, ToxicityObservationMapper mapper, ObjectMapper json) {
        this.fhir = fhir;
        this.mapper = mapper;
        this.json = json;
    }

    Offer offer(SymptomCourse c, String studentVersion, Date issued) {
        if (c.alreadyRecorded()) {
            return new Offer(null, "already recorded in the chart at this grade");
        }
        if (c.grade() == null) {
            return new Offer(null, "the note does not say enough to grade it, so there is nothing to record yet");
        }
        if (!c.note().versioned()) {
            return new Offer(null, "the EHR sent " + c.note().reference() + " without a version id, and a toxicity"
                    + " Observation must point at the exact note version it quotes");
        }
        Observation observation;
        try {
            observation = mapper.map(c.note().document(), List.of(c.finding()), studentVersion, issued).get(0);
        } catch (IllegalArgumentException e) {
            return new Offer(null, "it cannot be expressed as a toxicity Observation: " + e.getMessage());
        }
        String what = c.resolved() ? c.name() + " as resolved (grade 0)" : c.name() + ", CTCAE grade " + c.grade();
        Card.Action create;
        try {
            create = new Card.Action("create", "Add a preliminary toxicity Observation: " + what + ", derived from "
                    + c.note().reference() + (c.note().date() == null ? "" : " (" + c.note().date() + ")")
                    + ", with the quote as evidence",
                    json.readTree(fhir.newJsonParser().encodeResourceToString(observation)), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("HAPI wrote JSON that Jackson cannot read", e);
        }
        return new Offer(new Card.Suggestion("Record " + what, UUID.randomUUID().toString(), null, List.of(create)), null);
    }
}
