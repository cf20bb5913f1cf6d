package org.radtox.fhir.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations.BindingStrength;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.radtox.fhir.RadToxFhir;
import org.radtox.student.symptoms.SymptomSet;

class RadToxConformanceTest {

    private static final SymptomSet SET = SymptomSet.prostateRt();

    @Test
    void everyResourceIsIdentifiedVersionedAndActive() {
        List<Resource> resources = RadToxConformance.resources(SET);
        assertEquals(7, resources.size());
        for (Resource r : resources) {
            MetadataResource m = (MetadataResource) r;
            assertTrue(m.getUrl().startsWith(RadToxFhir.BASE + "/" + r.fhirType() + "/"), m.getUrl());
            assertTrue(m.getUrl().endsWith("/" + r.getIdElement().getIdPart()), "the id is the url's tail: " + m.getUrl());
            assertEquals("1.0.0", m.getVersion());
            assertEquals(PublicationStatus.ACTIVE, m.getStatus());
            assertTrue(m.getName().matches("[A-Z][A-Za-z0-9_]{0,254}"), m.getName());
        }
        assertEquals(List.of(RadToxFhir.SYMPTOM_SYSTEM, RadToxFhir.GRADE_SYSTEM, RadToxFhir.CATEGORY_SYSTEM,
                RadToxFhir.SYMPTOM_VALUE_SET, RadToxFhir.GRADE_VALUE_SET, RadToxFhir.EVIDENCE_EXTENSION,
                RadToxFhir.TOXICITY_OBSERVATION_PROFILE), resources.stream().map(r -> ((MetadataResource) r).getUrl()).toList());
    }

    @Test
    void theSymptomCodeSystemHasEveryKeyWithItsCtcaeTerm() {
        CodeSystem cs = RadToxConformance.symptomCodeSystem(SET);
        assertEquals(SET.keys(), cs.getConcept().stream().map(CodeSystem.ConceptDefinitionComponent::getCode).toList());
        assertEquals(CodeSystem.CodeSystemContentMode.COMPLETE, cs.getContent());
        CodeSystem.ConceptDefinitionComponent nocturia = cs.getConcept().stream()
                .filter(c -> c.getCode().equals("nocturia")).findFirst().orElseThrow();
        assertEquals("Nocturia", nocturia.getDisplay());
        assertTrue(nocturia.getDefinition().startsWith(
                "CTCAE v5.0 term 'Renal and urinary disorders - Other, specify' (MedDRA 10038359), grades [1, 2, 3]"),
                nocturia.getDefinition());
    }

    @Test
    void theGradeCodeSystemRunsFromZeroToFive() {
        Map<String, String> displays = RadToxConformance.gradeCodeSystem().getConcept().stream()
                .collect(Collectors.toMap(CodeSystem.ConceptDefinitionComponent::getCode,
                        CodeSystem.ConceptDefinitionComponent::getDisplay));
        assertEquals(Map.of("0", "Grade 0", "1", "Grade 1", "2", "Grade 2", "3", "Grade 3", "4", "Grade 4", "5", "Grade 5"),
                displays);
    }

    @Test
    void eachValueSetIncludesItsWholeSystem() {
        ValueSet symptoms = RadToxConformance.symptomValueSet();
        assertEquals(RadToxFhir.SYMPTOM_SYSTEM, symptoms.getCompose().getIncludeFirstRep().getSystem());
        assertTrue(symptoms.getCompose().getIncludeFirstRep().getConcept().isEmpty());
        assertEquals(RadToxFhir.GRADE_SYSTEM, RadToxConformance.gradeValueSet().getCompose().getIncludeFirstRep().getSystem());
    }

    @Test
    void theProfileRequiresWhatMakesAFindingTraceable() {
        StructureDefinition sd = RadToxConformance.toxicityObservationProfile();
        assertEquals("Observation", sd.getType());
        assertEquals("http://hl7.org/fhir/StructureDefinition/Observation", sd.getBaseDefinition());
        Map<String, ElementDefinition> byId = sd.getDifferential().getElement().stream()
                .collect(Collectors.toMap(ElementDefinition::getId, e -> e));
        for (String id : List.of("Observation.meta.profile", "Observation.extension:evidence", "Observation.subject",
                "Observation.issued", "Observation.value[x]", "Observation.derivedFrom", "Observation.device",
                "Observation.code.coding:meddra", "Observation.code.coding:symptom")) {
            assertEquals(1, byId.get(id).getMin(), id);
        }
        assertEquals(RadToxFhir.EVIDENCE_EXTENSION, byId.get("Observation.extension:evidence").getTypeFirstRep()
                .getProfile().get(0).getValue());
        assertBinding(byId.get("Observation.value[x]"), RadToxFhir.GRADE_VALUE_SET);
        assertBinding(byId.get("Observation.code.coding:symptom"), RadToxFhir.SYMPTOM_VALUE_SET);
    }

    @Test
    void theEvidenceExtensionHasQuoteStartAndEnd() {
        StructureDefinition sd = RadToxConformance.evidenceExtension();
        assertEquals("Observation", sd.getContextFirstRep().getExpression());
        Map<String, String> types = sd.getDifferential().getElement().stream()
                .filter(e -> e.getId().endsWith(".value[x]") && e.getId().startsWith("Extension.extension:"))
                .collect(Collectors.toMap(e -> e.getId().split("[:.]")[2], e -> e.getTypeFirstRep().getCode()));
        assertEquals(Map.of("quote", "string", "start", "integer", "end", "integer"), types);
    }

    private static void assertBinding(ElementDefinition e, String valueSet) {
        assertEquals(BindingStrength.REQUIRED, e.getBinding().getStrength(), e.getId());
        assertEquals(valueSet, e.getBinding().getValueSet(), e.getId());
    }
}
