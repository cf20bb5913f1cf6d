package org.radtox.cds.cards;

import java.util.Date;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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

    /** What an Observation is made of: the same finding of the same note version for the same patient and student. */
    private record Key(String note, String textSha256, String subject, String symptom, String status, Integer grade,
                       String studentVersion) {
    }

    private final FhirContext fhir;
    private final ToxicityObservationMapper mapper;
    private final ObjectMapper json;
    private final Cache<Key, JsonNode> observations;

    RecordingSuggestions(FhirContext fhir, ToxicityObservationMapper mapper, ObjectMapper json, int maxObservations) {
        this.fhir = fhir;
        this.mapper = mapper;
        this.json = json;
        this.observations = Caffeine.newBuilder().maximumSize(maxObservations).build();
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
        JsonNode observation;
        try {
            observation = observation(c, studentVersion, issued);
        } catch (IllegalArgumentException e) {
            return new Offer(null, "it cannot be expressed as a toxicity Observation: " + e.getMessage());
        }
        String what = c.resolved() ? c.name() + " as resolved (grade 0)" : c.name() + ", CTCAE grade " + c.grade();
        Card.Action create = new Card.Action("create", "Add a preliminary toxicity Observation: " + what + ", derived from "
                + c.note().reference() + (c.note().date() == null ? "" : " (" + c.note().date() + ")")
                + ", with the quote as evidence", observation, null);
        return new Offer(new Card.Suggestion("Record " + what, UUID.randomUUID().toString(), null, List.of(create)), null);
    }

    /**
     * The Observation as JSON, made once per finding: a chart opened again suggests the same resource, its
     * {@code issued} the time RadTox first made the finding available. The JSON is shared and never modified.
     */
    private JsonNode observation(SymptomCourse c, String studentVersion, Date issued) {
        var doc = c.note().document();
        Key key = new Key(c.note().reference(), c.note().textSha256(), doc.getSubject().getReference(), c.symptom().key(),
                c.finding().status().code(), c.grade(), studentVersion);
        JsonNode known = observations.getIfPresent(key);
        if (known != null) {
            return known;
        }
        Observation o = mapper.map(doc, List.of(c.finding()), studentVersion, issued).get(0);
        try {
            JsonNode made = json.readTree(fhir.newJsonParser().encodeResourceToString(o));
            observations.put(key, made);
            return made;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("HAPI wrote JSON that Jackson cannot read", e);
        }
    }
}
