package org.radtox.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radtox.cds.Charts.GROSS_HEMATURIA;
import static org.radtox.cds.Charts.NOTHING;
import static org.radtox.cds.Charts.PATIENT;
import static org.radtox.cds.Charts.PROCTITIS_G2;
import static org.radtox.cds.Charts.WEEK_4;
import static org.radtox.cds.Charts.WEEK_8;
import static org.radtox.cds.Charts.note;
import static org.radtox.cds.Charts.patientView;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.radtox.fhir.RadToxFhir;
import org.radtox.fhir.terminology.EmittedResourceValidator;
import org.radtox.student.catalog.CtcaeCatalog;

/**
 * A patient-view call with prefetched notes, answered over HTTP, checked field by field against the CDS Hooks
 * 2.0 "CDS Service Response" (cards, source, suggestions, actions, override reasons, links).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatientViewTest {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String SERVICE = "/cds-services/radtox-toxicity";

    private CdsClientKeys client;
    private CdsServer server;

    @BeforeAll
    void start() throws Exception {
        client = new CdsClientKeys();
        server = CdsServer.start(CdsSettings.builder().trust(client.trust())
                .publicBaseUrl(URI.create("https://radtox.hospital.example")).build());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    private JsonNode cards(ObjectNode call) throws Exception {
        var r = server.post(SERVICE, call.toString(), client.token("https://radtox.hospital.example" + SERVICE).sign());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = CdsServer.json(r);
        assertEquals(Set.of("cards"), fields(body), "a response holds cards (and nothing else RadTox does not send)");
        return body.get("cards");
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void oneToxicityIsOneCardWithEverythingAClinicianNeedsToActOnIt() throws Exception {
        JsonNode cards = cards(patientView(note("doc-3", "2031-04-02", PROCTITIS_G2)));
        assertEquals(1, cards.size(), cards.toString());
        JsonNode card = cards.get(0);
        assertEquals(new TreeSet<>(List.of("uuid", "summary", "detail", "indicator", "source", "suggestions",
                "selectionBehavior", "overrideReasons", "links")), fields(card));
        assertTrue(UUID.matcher(card.get("uuid").asText()).matches(), card.get("uuid").asText());
        assertEquals("CTCAE grade 2 proctitis documented 2031-04-02 (new)", card.get("summary").asText());
        assertTrue(card.get("summary").asText().length() < 140);
        assertEquals("warning", card.get("indicator").asText());

        String detail = card.get("detail").asText();
        assertTrue(detail.contains("> Rectal urgency with mucus, proctitis grade 2, started hydrocortisone suppositories."), detail);
        String criteria = CtcaeCatalog.bundled().term("Proctitis").orElseThrow().criteria(2).orElseThrow();
        assertTrue(detail.contains("CTCAE v5.0 grade 2: *" + criteria.strip() + "*"), detail);
        assertTrue(detail.contains("new") && detail.contains("Not documented in the earlier notes read."), detail);
        assertTrue(detail.contains("From the note of 2031-04-02 (DocumentReference/doc-3/\\_history/1)"), detail);

        JsonNode source = card.get("source");
        assertEquals("RadTox (CTCAE v5.0)", source.get("label").asText());
        assertEquals("https://radtox.hospital.example/", source.get("url").asText());
        assertEquals(RadToxFhir.CATEGORY_SYSTEM, source.get("topic").get("system").asText());
        assertEquals("toxicity", source.get("topic").get("code").asText());
        assertFalse(source.get("topic").get("display").asText().isBlank());

        assertEquals("any", card.get("selectionBehavior").asText());
        JsonNode suggestions = card.get("suggestions");
        assertEquals(1, suggestions.size());
        JsonNode suggestion = suggestions.get(0);
        assertEquals(Set.of("label", "uuid", "actions"), fields(suggestion));
        assertEquals("Record proctitis, CTCAE grade 2", suggestion.get("label").asText());
        assertTrue(UUID.matcher(suggestion.get("uuid").asText()).matches());
        assertNotEquals(card.get("uuid").asText(), suggestion.get("uuid").asText());
        JsonNode action = suggestion.get("actions").get(0);
        assertEquals(1, suggestion.get("actions").size());
        assertEquals(Set.of("type", "description", "resource"), fields(action));
        assertEquals("create", action.get("type").asText());
        assertTrue(action.get("description").asText().contains("proctitis, CTCAE grade 2"), action.get("description").asText());

        JsonNode reasons = card.get("overrideReasons");
        List<String> codes = new ArrayList<>();
        for (JsonNode reason : reasons) {
            assertEquals(Set.of("code", "system", "display"), fields(reason));
            assertFalse(reason.get("display").asText().isBlank(), "CDS Hooks requires a display for a service's reasons");
            codes.add(reason.get("code").asText());
        }
        assertEquals(List.of("not-present", "wrong-grade", "not-treatment-related", "already-addressed"), codes);

        JsonNode links = card.get("links");
        assertEquals(1, links.size());
        assertEquals(Set.of("label", "url", "type"), fields(links.get(0)));
        assertEquals("absolute", links.get(0).get("type").asText());
        assertEquals("https://radtox.hospital.example/patients/" + PATIENT, links.get(0).get("url").asText());
    }

    @Test
    void theSuggestedObservationIsTheProfileTheFhirServerEmitsAndValidates() throws Exception {
        JsonNode cards = cards(patientView(note("doc-3", "2031-04-02", PROCTITIS_G2)));
        JsonNode resource = cards.get(0).get("suggestions").get(0).get("actions").get(0).get("resource");
        EmittedResourceValidator validator = EmittedResourceValidator.builder().build();
        Observation o = validator.fhirContext().newJsonParser().parseResource(Observation.class, resource.toString());
        assertEquals(RadToxFhir.TOXICITY_OBSERVATION_PROFILE, o.getMeta().getProfile().get(0).getValue());
        assertEquals(Observation.ObservationStatus.PRELIMINARY, o.getStatus());
        assertEquals("Patient/" + PATIENT, o.getSubject().getReference());
        assertEquals("DocumentReference/doc-3/_history/1", resource.get("derivedFrom").get(0).get("reference").asText());
        assertEquals("proctitis", o.getCode().getCoding().stream().filter(c -> c.getSystem().equals(RadToxFhir.SYMPTOM_SYSTEM))
                .findFirst().orElseThrow().getCode());
        assertEquals("2", o.getValueCodeableConcept().getCodingFirstRep().getCode());
        ValidationResult result = validator.validate(o);
        assertTrue(result.getMessages().stream().noneMatch(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()),
                () -> result.getMessages().toString());
    }

    @Test
    void sevenToxicitiesInThreeNotesAreThreeCardsByUrgencyEachWithItsTrend() throws Exception {
        JsonNode cards = cards(patientView(note("doc-1", "2031-03-01", WEEK_4), note("doc-2", "2031-04-02", WEEK_8),
                note("doc-0", "2031-02-01", GROSS_HEMATURIA)));
        List<String> indicators = new ArrayList<>();
        cards.forEach(c -> indicators.add(c.get("indicator").asText()));
        assertEquals(List.of("critical", "warning", "info"), indicators, "most urgent first, one card per band");
        assertEquals("CTCAE grade 3: cystitis noninfective (new), hematuria (new); as of 2031-02-01",
                cards.get(0).get("summary").asText(), "not documented since February: still the latest word on it");
        JsonNode warning = cards.get(1);
        assertEquals("CTCAE grade 2: nocturia (worsening), proctitis (new), diarrhea (new); as of 2031-04-02",
                warning.get("summary").asText());
        assertEquals(3, warning.get("suggestions").size(), "one suggestion per toxicity, the clinician picks any");
        String detail = warning.get("detail").asText();
        assertTrue(detail.contains("**Nocturia: CTCAE grade 2, worsening**"), detail);
        assertTrue(detail.contains("Earlier: 2031-03-01 grade 1."), detail);
        assertTrue(detail.contains("**Diarrhea: CTCAE grade 2, new**") && detail.contains("Earlier: 2031-03-01 absent."), detail);
        JsonNode info = cards.get(2);
        assertEquals("Dysuria resolved, documented 2031-04-02 (was grade 1)", info.get("summary").asText());
        assertEquals("Record dysuria as resolved (grade 0)", info.get("suggestions").get(0).get("label").asText());
        assertTrue(info.get("detail").asText().contains("**Dysuria: resolved**"), info.get("detail").asText());
    }

    @Test
    void gradeThreeOrMoreIsCritical() throws Exception {
        JsonNode cards = cards(patientView(note("doc-9", "2031-05-10", GROSS_HEMATURIA)));
        assertEquals(1, cards.size());
        assertEquals("critical", cards.get(0).get("indicator").asText());
        assertEquals("CTCAE grade 3: cystitis noninfective (new), hematuria (new); as of 2031-05-10",
                cards.get(0).get("summary").asText());
    }

    @Test
    void aConfiguredSmartAppIsOfferedAsASmartLinkWithTheCardInItsAppContext() throws Exception {
        try (CdsServer smart = CdsServer.start(CdsSettings.builder().trust(client.trust())
                .smartLaunchUrl(URI.create("https://radtox.hospital.example/smart/launch")).build())) {
            var r = smart.post(SERVICE, patientView(note("doc-3", "2031-04-02", PROCTITIS_G2)).toString(),
                    client.token(smart.url(SERVICE)).sign());
            JsonNode card = CdsServer.json(r).get("cards").get(0);
            JsonNode links = card.get("links");
            assertEquals(2, links.size());
            assertEquals(smart.base + "/patients/" + PATIENT, links.get(0).get("url").asText(), "absolute, from the request's own URL");
            JsonNode app = links.get(1);
            assertEquals("smart", app.get("type").asText());
            assertEquals("https://radtox.hospital.example/smart/launch", app.get("url").asText());
            JsonNode context = CdsServer.JSON.readTree(app.get("appContext").asText());
            assertEquals(PATIENT, context.get("patientId").asText());
            assertEquals(card.get("uuid").asText(), context.get("card").asText());
        }
    }

    @Test
    void aChartWithoutToxicitiesGetsNoCards() throws Exception {
        var r = server.post(SERVICE, patientView(note("doc-5", "2031-04-02", NOTHING)).toString(),
                client.token("https://radtox.hospital.example" + SERVICE).sign());
        assertEquals(200, r.statusCode());
        assertEquals("{\"cards\":[]}", r.body());
    }

    @Test
    void aNullPrefetchMeansKnownEmptyAndGetsNoCards() throws Exception {
        ObjectNode call = Charts.call("patient-view");
        call.putObject("prefetch").putNull("recentNotes");
        var r = server.post(SERVICE, call.toString(), client.token("https://radtox.hospital.example" + SERVICE).sign());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"cards\":[]}", r.body());
    }

    @Test
    void aToxicityTheEhrHasRecordedAlreadyIsNotSuggestedAgain() throws Exception {
        ObjectNode call = patientView(note("doc-3", "2031-04-02", PROCTITIS_G2));
        ObjectNode recorded = Charts.JSON.createObjectNode();
        recorded.put("resourceType", "Observation");
        recorded.put("id", "obs-7");
        recorded.put("status", "final");
        recorded.putObject("code").putArray("coding").addObject().put("system", RadToxFhir.SYMPTOM_SYSTEM).put("code", "proctitis");
        recorded.putObject("valueCodeableConcept").putArray("coding").addObject().put("system", RadToxFhir.GRADE_SYSTEM).put("code", "2");
        recorded.putArray("derivedFrom").addObject().put("reference", "DocumentReference/doc-3/_history/1");
        recorded.put("effectiveDateTime", "2031-04-02T10:00:00Z");
        ((ObjectNode) call.get("prefetch")).set("recordedToxicities", Charts.bundle(List.of(recorded)));
        assertEquals(0, cards(call).size(), "recorded already: nothing new to show");
    }

    @Test
    void theSameServiceAnswersTheEncounterHooksUnderTheirOwnIds() throws Exception {
        ObjectNode call = patientView(note("doc-3", "2031-04-02", PROCTITIS_G2));
        call.put("hook", "encounter-start");
        String path = "/cds-services/radtox-toxicity-encounter-start";
        var r = server.post(path, call.toString(), client.token("https://radtox.hospital.example" + path).sign());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("CTCAE grade 2 proctitis documented 2031-04-02 (new)",
                CdsServer.json(r).get("cards").get(0).get("summary").asText());
    }

    @Test
    void quotesCannotInjectMarkdownOrHtmlIntoTheCard() throws Exception {
        String text = "Nocturia x3 [details](http://evil.example/x) <img src=x onerror=alert(1)> # not a heading";
        JsonNode cards = cards(patientView(note("doc-6", "2031-04-02", text)));
        String detail = cards.get(0).get("detail").asText();
        assertTrue(detail.contains("> Nocturia x3 \\[details\\](http://evil.example/x) \\<img src=x onerror=alert(1)\\> \\# not a heading"),
                detail);
        assertFalse(detail.contains(" [details]("), detail);
        assertFalse(detail.contains(" <img"), detail);
    }
}
