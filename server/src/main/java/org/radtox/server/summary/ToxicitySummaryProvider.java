package org.radtox.server.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import org.radtox.fhir.RadToxFhir;

/**
 * {@code GET [base]/Patient/{id}/$toxicity-summary}: per symptom, the latest and the highest CTCAE grade
 * and the timeline of toxicity Observations (entered-in-error ones left out), as {@code Parameters}:
 * one {@code symptom} part per symptom with {@code code}, {@code latestGrade}, {@code latestDate},
 * {@code maxGrade} and one {@code point} part per Observation ({@code date}, {@code grade},
 * {@code observation}).
 */
public final class ToxicitySummaryProvider {

    private final DaoRegistry daos;

    public ToxicitySummaryProvider(DaoRegistry daos) {
        this.daos = daos;
    }

    @Operation(name = "$toxicity-summary", idempotent = true, typeName = "Patient")
    public Parameters summary(@IdParam IdType patient, RequestDetails request) {
        String subject = "Patient/" + patient.getIdPart();
        SearchParameterMap map = SearchParameterMap.newSynchronous()
                .add(Observation.SP_SUBJECT, new ReferenceParam(subject))
                .add(Observation.SP_CATEGORY, new TokenParam(RadToxFhir.CATEGORY_SYSTEM, RadToxFhir.TOXICITY_CATEGORY));
        List<Observation> found = new ArrayList<>();
        for (IBaseResource r : daos.getResourceDao(Observation.class).search(map, request).getAllResources()) {
            Observation o = (Observation) r;
            if (o.getStatus() != Observation.ObservationStatus.ENTEREDINERROR) {
                found.add(o);
            }
        }
        if (found.isEmpty() && !patientExists(patient, request)) {
            throw new ResourceNotFoundException("RadTox: no toxicity Observations and no Patient resource for " + subject);
        }
        Map<String, List<Observation>> bySymptom = new LinkedHashMap<>();
        found.stream().sorted(Comparator.comparing(ToxicitySummaryProvider::when))
                .forEach(o -> bySymptom.computeIfAbsent(symptom(o).getCode(), k -> new ArrayList<>()).add(o));
        Parameters out = new Parameters();
        out.addParameter().setName("patient").setValue(new Reference(subject));
        bySymptom.forEach((symptom, timeline) -> {
            Parameters.ParametersParameterComponent part = out.addParameter().setName("symptom");
            part.addPart().setName("code").setValue(symptom(timeline.get(0)));
            Observation latest = timeline.get(timeline.size() - 1);
            part.addPart().setName("latestGrade").setValue(new IntegerType(grade(latest)));
            part.addPart().setName("latestDate").setValue(new DateTimeType(when(latest)));
            part.addPart().setName("maxGrade").setValue(new IntegerType(timeline.stream().mapToInt(ToxicitySummaryProvider::grade).max().orElse(0)));
            for (Observation o : timeline) {
                Parameters.ParametersParameterComponent point = part.addPart().setName("point");
                point.addPart().setName("date").setValue(new DateTimeType(when(o)));
                point.addPart().setName("grade").setValue(new IntegerType(grade(o)));
                point.addPart().setName("observation").setValue(new Reference("Observation/" + o.getIdElement().getIdPart()));
                point.addPart().setName("status").setValue(new StringType(o.getStatus().toCode()));
            }
        });
        return out;
    }

    private boolean patientExists(IdType patient, RequestDetails request) {
        try {
            daos.getResourceDao("Patient").read(new IdType("Patient", patient.getIdPart()), request);
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static Coding symptom(Observation o) {
        return o.getCode().getCoding().stream().filter(c -> RadToxFhir.SYMPTOM_SYSTEM.equals(c.getSystem())).findFirst()
                .orElse(o.getCode().getCodingFirstRep());
    }

    private static int grade(Observation o) {
        return Integer.parseInt(o.getValueCodeableConcept().getCoding().stream()
                .filter(c -> RadToxFhir.GRADE_SYSTEM.equals(c.getSystem())).findFirst().orElseThrow().getCode());
    }

    /** When the note says the toxicity was observed; when RadTox issued it otherwise. */
    private static Date when(Observation o) {
        return o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue() : o.getIssued();
    }
}
