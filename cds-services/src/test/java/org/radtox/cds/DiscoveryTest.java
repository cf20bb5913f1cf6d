package org.radtox.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code GET /cds-services} as CDS Hooks 2.0 "Discovery" shows it, and CORS for browser-based clients. */
class DiscoveryTest {

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void discoveryListsTheToxicityServiceOnPatientViewWithItsPrefetchTemplates() throws Exception {
        CdsClientKeys client = new CdsClientKeys();
        try (CdsServer server = CdsServer.start(CdsSettings.builder().trust(client.trust()).build())) {
            var r = server.get("/cds-services", client.token(server.url("/cds-services")).sign());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = CdsServer.json(r);
            assertEquals(Set.of("services"), fields(body));
            JsonNode services = body.get("services");
            assertEquals(3, services.size());
            JsonNode patientView = services.get(0);
            assertEquals(new TreeSet<>(List.of("hook", "title", "description", "id", "prefetch")), fields(patientView));
            assertEquals("patient-view", patientView.get("hook").asText());
            assertEquals("radtox-toxicity", patientView.get("id").asText());
            assertFalse(patientView.get("title").asText().isBlank());
            assertTrue(patientView.get("description").asText().contains("CTCAE"), patientView.get("description").asText());
            assertFalse(patientView.get("description").asText().contains("DEMO"));
            assertEquals(Map.of(
                    "recentNotes", "DocumentReference?patient={{context.patientId}}&status=current&_sort=-date&_count=20",
                    "recordedToxicities", "Observation?patient={{context.patientId}}&category=http://radtox.org/fhir/CodeSystem/"
                            + "observation-category|toxicity&_sort=-date&_count=100"),
                    CdsServer.JSON.convertValue(patientView.get("prefetch"), Map.class));
            assertEquals("encounter-start", services.get(1).get("hook").asText());
            assertEquals("radtox-toxicity-encounter-start", services.get(1).get("id").asText());
            assertEquals("encounter-discharge", services.get(2).get("hook").asText());
            assertEquals("radtox-toxicity-encounter-discharge", services.get(2).get("id").asText());
        }
    }

    @Test
    void demoModeAnswersWithoutAJwtAndSaysSoInEveryDescription() throws Exception {
        try (CdsServer server = CdsServer.start(CdsSettings.builder().demoOpen(true).build())) {
            var r = server.get("/cds-services", null);
            assertEquals(200, r.statusCode(), r.body());
            for (JsonNode s : CdsServer.json(r).get("services")) {
                assertTrue(s.get("description").asText().startsWith("DEMO MODE: this RadTox does not check CDS client JWTs"),
                        s.get("description").asText());
            }
        }
    }

    @Test
    void aBrowserClientGetsCorsHeadersAndItsPreflightAnsweredWithoutAJwt() throws Exception {
        CdsClientKeys client = new CdsClientKeys();
        try (CdsServer server = CdsServer.start(CdsSettings.builder().trust(client.trust())
                .corsOrigins(List.of("https://sandbox.cds-hooks.org")).build())) {
            var preflight = server.send("OPTIONS", "/cds-services/radtox-toxicity", null, null, Map.of(
                    "Origin", "https://sandbox.cds-hooks.org", "Access-Control-Request-Method", "POST",
                    "Access-Control-Request-Headers", "authorization, content-type"));
            assertEquals(204, preflight.statusCode());
            assertEquals("https://sandbox.cds-hooks.org", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Credentials").isEmpty(), "bearer JWTs, never cookies");

            var get = server.send("GET", "/cds-services", null, client.token(server.url("/cds-services")).sign(),
                    Map.of("Origin", "https://sandbox.cds-hooks.org"));
            assertEquals(200, get.statusCode());
            assertEquals("https://sandbox.cds-hooks.org", get.headers().firstValue("Access-Control-Allow-Origin").orElse(null));

            var stranger = server.send("OPTIONS", "/cds-services", null, null, Map.of("Origin", "https://evil.example",
                    "Access-Control-Request-Method", "GET"));
            assertTrue(stranger.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "an origin not listed gets no CORS");
        }
    }
}
