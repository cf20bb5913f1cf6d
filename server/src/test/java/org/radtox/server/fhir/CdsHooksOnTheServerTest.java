package org.radtox.server.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radtox.server.fhir.RunningServer.eventually;
import static org.radtox.server.fhir.RunningServer.note;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.radtox.cds.CdsSettings;
import org.radtox.cds.security.TrustedClients;
import org.radtox.server.config.ServerSettings;

/**
 * CDS Hooks as the server mounts it: at /cds-services on the FHIR server's port, with its own database for
 * feedback, the operator check on the feedback report, and, as the "EHR", RadTox's own FHIR API: the fetch path
 * against a real HAPI FHIR server (its search, _sort, token search on the toxicity category).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdsHooksOnTheServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EHR = "https://ehr.example/";

    private RunningServer server;
    private RSAKey ehrKey;
    private RSAKey adminKey;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        ehrKey = new RSAKeyGenerator(2048).keyID("ehr").generate();
        adminKey = new RSAKeyGenerator(2048).keyID("admin").generate();
        Path ehrJwks = Files.createTempFile("ehr-jwks", ".json");
        Files.writeString(ehrJwks, new JWKSet(ehrKey.toPublicJWK()).toString());
        Path adminJwks = Files.createTempFile("admin-jwks", ".json");
        Files.writeString(adminJwks, new JWKSet(adminKey.toPublicJWK()).toString());
        // A first HAPI JPA search takes seconds on a cold server: this test is about the fetch, not the deadline.
        CdsSettings cds = CdsSettings.builder().trust(TrustedClients.parse(EHR + " " + ehrJwks, null, TrustedClients.DEFAULT_CLOCK_SKEW))
                .deadline(java.time.Duration.ofSeconds(20)).build();
        server = RunningServer.start(null, new ServerSettings.Auth(adminJwks.toString(), null, null), cds);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    private String cdsToken(String path) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(EHR).audience(server.base + path).jwtID(UUID.randomUUID().toString())
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 300_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID("ehr").build(), claims);
        jwt.sign(new RSASSASigner(ehrKey));
        return jwt.serialize();
    }

    private String adminToken(String scope) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("ops").claim("scope", scope)
                .expirationTime(new Date(System.currentTimeMillis() + 300_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("admin").build(), claims);
        jwt.sign(new RSASSASigner(adminKey));
        return jwt.serialize();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.base + path)).header("Authorization", "Bearer " + cdsToken(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void discoveryIsServedNextToTheFhirApi() throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create(server.base + "/cds-services"))
                .header("Authorization", "Bearer " + cdsToken("/cds-services")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("radtox-toxicity", JSON.readTree(r.body()).get("services").get(0).get("id").asText());
        var refused = http.send(HttpRequest.newBuilder(URI.create(server.base + "/cds-services")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
    }

    @Test
    void notesFetchedFromAFhirServerAreReadAndWhatItRecordedAlreadyIsNotSuggestedAgain() throws Exception {
        String patient = "cds-" + Long.toString(System.nanoTime(), 36);
        String admin = adminToken("system/*.read system/DocumentReference.write");
        assertEquals(201, server.send("POST", "/fhir/DocumentReference", note(patient,
                "Week 6 of RT. Rectal urgency with mucus, proctitis grade 2, started hydrocortisone suppositories."), admin).statusCode());
        eventually(() -> {
            try {
                return server.send("GET", "/fhir/Observation?subject=Patient/" + patient, null, admin).body().contains("proctitis");
            } catch (Exception e) {
                return false;
            }
        }, "the server's own extraction of the note");

        ObjectNode call = JSON.createObjectNode();
        call.put("hookInstance", UUID.randomUUID().toString());
        call.put("hook", "patient-view");
        call.put("fhirServer", server.base + "/fhir");
        call.putObject("fhirAuthorization").put("access_token", admin).put("token_type", "Bearer").put("expires_in", 300)
                .put("scope", "system/*.read").put("subject", "radtox");
        call.putObject("context").put("patientId", patient).put("userId", "Practitioner/1");
        var r = post("/cds-services/radtox-toxicity", call.toString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"cards\":[]}", r.body(), "the FHIR server holds this toxicity already: nothing to suggest");

        // Told that nothing is recorded, the same notes make a card.
        JsonNode notes = JSON.readTree(server.send("GET", "/fhir/DocumentReference?patient=" + patient, null, admin).body());
        ObjectNode prefetch = call.putObject("prefetch");
        prefetch.set("recentNotes", notes);
        prefetch.putNull("recordedToxicities");
        var withPrefetch = post("/cds-services/radtox-toxicity", call.toString());
        assertEquals(200, withPrefetch.statusCode(), withPrefetch.body());
        JsonNode card = JSON.readTree(withPrefetch.body()).get("cards").get(0);
        assertTrue(card.get("summary").asText().startsWith("CTCAE grade 2 proctitis documented 2031-04-02 (new)"), card.toString());
        assertEquals(server.base + "/patients/" + patient, card.get("links").get(0).get("url").asText());

        String feedback = "{\"feedback\":[{\"card\":\"" + card.get("uuid").asText() + "\",\"outcome\":\"overridden\","
                + "\"outcomeTimestamp\":\"2031-04-02T12:00:00Z\"}]}";
        assertEquals(200, post("/cds-services/radtox-toxicity/feedback", feedback).statusCode());
        assertEquals(401, server.send("GET", "/admin/cds-feedback", null).statusCode(), "feedback is for operators only");
        var report = server.send("GET", "/admin/cds-feedback", null, adminToken("system/radtox.admin"));
        assertEquals(200, report.statusCode());
        assertTrue(report.body().contains(card.get("uuid").asText()), report.body());
    }
}
