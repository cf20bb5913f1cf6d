package org.radtox.cds.invocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;

import org.radtox.cds.CdsProblem;
import org.radtox.cds.chart.RecordedToxicity;
import org.radtox.cds.chart.SkippedEntry;
import org.radtox.fhir.RadToxFhir;

/**
 * The toxicity Observations already in the EHR, from a prefetch value or a fetched Bundle: those coded with a
 * RadTox symptom key and a CTCAE grade, whatever their status but entered-in-error or cancelled. Other
 * Observations are not RadTox's business and are passed over.
 */
final class RecordedToxicities {

    private final FhirContext fhir;

    RecordedToxicities(FhirContext fhir) {
        this.fhir = fhir;
    }

    List<RecordedToxicity> read(String key, PrefetchValue value, List<SkippedEntry> skipped) throws CdsProblem {
        if (value instanceof PrefetchValue.KnownEmpty) {
            return List.of();
        }
        PrefetchValue.Provided provided = (PrefetchValue.Provided) value;
        List<RecordedToxicity> out = new ArrayList<>();
        switch (provided.resourceType()) {
            case "Observation" -> parse(key, provided.resource(), skipped).ifPresent(out::add);
            case "Bundle" -> {
                int i = 0;
                for (JsonNode entry : provided.resource().path("entry")) {
                    String label = key + " entry " + i++;
                    JsonNode r = entry.path("resource");
                    String type = r.path("resourceType").asText("");
                    if (type.equals("Observation")) {
                        parse(label, r, skipped).ifPresent(out::add);
                    } else if (!(type.equals("OperationOutcome") && entry.path("search").path("mode").asText().equals("outcome"))) {
                        skipped.add(new SkippedEntry(label, type.isEmpty() ? "it holds no resource"
                                : "it is a " + type + ", not an Observation"));
                    }
                }
            }
            default -> throw CdsProblem.invalid("prefetch '" + key + "' must be a Bundle of Observation, not a "
                    + provided.resourceType());
        }
        return out;
    }

    List<RecordedToxicity> read(Bundle bundle, List<SkippedEntry> skipped) {
        List<RecordedToxicity> out = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (e.getResource() instanceof Observation o) {
                toxicity(o).ifPresent(out::add);
            } else if (e.getResource() != null && !(e.hasSearch() && e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME)) {
                skipped.add(new SkippedEntry("fetched recorded toxicity", "it is a " + e.getResource().fhirType()
                        + ", not an Observation"));
            }
        }
        return out;
    }

    private Optional<RecordedToxicity> parse(String label, JsonNode json, List<SkippedEntry> skipped) {
        try {
            return toxicity(fhir.newJsonParser().parseResource(Observation.class, json.toString()));
        } catch (DataFormatException e) {
            skipped.add(new SkippedEntry(label, "not a valid Observation: " + e.getMessage()));
            return Optional.empty();
        }
    }

    static Optional<RecordedToxicity> toxicity(Observation o) {
        if (o.getStatus() == Observation.ObservationStatus.ENTEREDINERROR
                || o.getStatus() == Observation.ObservationStatus.CANCELLED) {
            return Optional.empty();
        }
        Optional<String> symptom = code(o.getCode().getCoding(), RadToxFhir.SYMPTOM_SYSTEM);
        Optional<String> grade = o.hasValueCodeableConcept()
                ? code(o.getValueCodeableConcept().getCoding(), RadToxFhir.GRADE_SYSTEM) : Optional.empty();
        if (symptom.isEmpty() || grade.isEmpty() || !grade.get().matches("[0-5]")) {
            return Optional.empty();
        }
        String noteId = o.getDerivedFrom().stream().map(Reference::getReference)
                .filter(r -> r != null && r.startsWith("DocumentReference/"))
                .map(r -> r.replaceFirst("/_history/.*$", "")).findFirst().orElse(null);
        String date = null;
        java.time.Instant when = null;
        if (o.hasEffectiveDateTimeType()) {
            String written = o.getEffectiveDateTimeType().getValueAsString();
            date = written.length() >= 10 ? written.substring(0, 10) : written;
            when = o.getEffectiveDateTimeType().getValue().toInstant();
        }
        String reference = o.getIdElement().hasIdPart() ? "Observation/" + o.getIdElement().getIdPart() : "an Observation";
        return Optional.of(new RecordedToxicity(reference, symptom.get(), Integer.parseInt(grade.get()), noteId, date, when));
    }

    private static Optional<String> code(List<Coding> codings, String system) {
        return codings.stream().filter(c -> system.equals(c.getSystem()) && c.hasCode()).map(Coding::getCode).findFirst();
    }
}
