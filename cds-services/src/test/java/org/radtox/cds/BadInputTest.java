package org.radtox.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radtox.cds.Charts.PROCTITIS_G2;
import static org.radtox.cds.Charts.note;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every kind of bad input the issue names gets a clear status and OperationOutcome, and loses nothing that was fine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private static final String SERVICE = "/cds-services/radtox-toxicity";
    private static final long LIMIT = 64 * 1024;

    private CdsClientKeys client;
    private CdsServer server;

    @BeforeAll
    void start() throws Exception {
        client = new CdsClientKeys();
        server = CdsServer.start(CdsSettings.builder().trust(client.trust()).prefetchMaxBytes(LIMIT).build());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return server.post(path, body, client.token(server.url(path)).sign());
    }

    private static void outcome(HttpResponse<String> r, int status, String says) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/fhir+json"));
        assertTrue(r.body().contains("\"resourceType\":\"OperationOutcome\""), r.body());
        assertTrue(r.body().contains(says), r.body());
    }

    @Test
    void malformedJsonIs400() throws Exception {
        outcome(post(SERVICE, "{\"hook\": \"patient-view\", \"context\": {"), 400, "not JSON");
        outcome(post(SERVICE, "[1, 2]"), 400, "must be a JSON object");
    }

    @Test
    void anUnknownServiceIs404() throws Exception {
        outcome(post("/cds-services/no-such-service", Charts.patientView().toString()), 404, "no CDS service 'no-such-service'");
    }

    @Test
    void theWrongHookForTheServiceIs400() throws Exception {
        ObjectNode call = Charts.patientView(note("doc-3", "2031-04-02", PROCTITIS_G2));
        call.put("hook", "order-sign");
        outcome(post(SERVICE, call.toString()), 400, "answers the hook 'patient-view', not 'order-sign'");
    }

    @Test
    void aMissingPatientIdIs400() throws Exception {
        ObjectNode call = Charts.patientView(note("doc-3", "2031-04-02", PROCTITIS_G2));
        ((ObjectNode) call.get("context")).remove("patientId");
        outcome(post(SERVICE, call.toString()), 400, "context.patientId is required");
        call.remove("context");
        outcome(post(SERVICE, call.toString()), 400, "context is required");
    }

    @Test
    void aMissingHookInstanceOrATokenWithoutFhirServerIs400() throws Exception {
        ObjectNode call = Charts.patientView(note("doc-3", "2031-04-02", PROCTITIS_G2));
        call.remove("hookInstance");
        outcome(post(SERVICE, call.toString()), 400, "hookInstance is required");
        ObjectNode withToken = Charts.withFhirServer(Charts.patientView(), "https://ehr.example/fhir", "t");
        withToken.remove("fhirServer");
        outcome(post(SERVICE, withToken.toString()), 400, "fhirAuthorization is given without fhirServer");
    }

    @Test
    void aPrefetchOfTheWrongResourceTypeIs400() throws Exception {
        ObjectNode call = Charts.call("patient-view");
        call.putObject("prefetch").putObject("recentNotes").put("resourceType", "Patient").put("id", "1288992");
        outcome(post(SERVICE, call.toString()), 400, "prefetch 'recentNotes' must be a Bundle of DocumentReference, not a Patient");
        ObjectNode notJson = Charts.call("patient-view");
        notJson.putObject("prefetch").put("recentNotes", "DocumentReference/1");
        outcome(post(SERVICE, notJson.toString()), 400, "prefetch 'recentNotes' must be a FHIR resource or null");
    }

    @Test
    void prefetchEntriesOfTheWrongTypeAreSkippedAndTheNotesAroundThemStillRead() throws Exception {
        ObjectNode stray = Charts.JSON.createObjectNode().put("resourceType", "Observation").put("id", "o1").put("status", "final");
        ObjectNode call = Charts.patientView(note("doc-3", "2031-04-02", PROCTITIS_G2), stray);
        var r = post(SERVICE, call.toString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode card = CdsServer.json(r).get("cards").get(0);
        assertEquals("CTCAE grade 2 proctitis documented 2031-04-02 (new)", card.get("summary").asText());
        assertTrue(card.get("detail").asText().contains("Not read: recentNotes entry 1: it is a Observation, not a DocumentReference"),
                card.get("detail").asText());
    }

    @Test
    void aPrefetchOverTheLimitIs413() throws Exception {
        StringBuilder big = new StringBuilder();
        while (big.length() < LIMIT) {
            big.append(PROCTITIS_G2).append(' ');
        }
        String body = Charts.patientView(note("doc-big", "2031-04-02", big.toString())).toString();
        outcome(post(SERVICE, body), 413, "RadTox's limit for one hook call");
        // Streamed without a Content-Length: counted as it arrives.
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(server.url(SERVICE)))
                .header("Authorization", "Bearer " + client.token(server.url(SERVICE)).sign())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        outcome(HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString()), 413, "RadTox's limit");
    }

    @Test
    void notesTheStudentCannotReadAreSkippedAndSaidSoNever500() throws Exception {
        ObjectNode word = note("doc-word", "2031-04-01", "x");
        ObjectNode attachment = (ObjectNode) word.get("content").get(0).get("attachment");
        attachment.put("contentType", "application/msword");
        ObjectNode scanned = note("doc-scan", "2031-03-30", "x");
        ((ObjectNode) scanned.get("content").get(0).get("attachment")).put("contentType", "application/pdf")
                .put("data", Base64.getEncoder().encodeToString("%PDF-1.4 not really a pdf".getBytes(StandardCharsets.US_ASCII)));
        ObjectNode empty = note("doc-empty", "2031-03-29", "   ");
        ObjectNode otherPatient = note("doc-other", "1", "2031-03-28", "someone-else", PROCTITIS_G2);
        var r = post(SERVICE, Charts.patientView(note("doc-3", "2031-04-02", PROCTITIS_G2), word, scanned, empty, otherPatient).toString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode cards = CdsServer.json(r).get("cards");
        assertEquals(1, cards.size());
        String detail = cards.get(0).get("detail").asText();
        assertTrue(detail.contains("in 1 note of the 5 sent"), detail);
        assertTrue(detail.contains("Not read: DocumentReference/doc-word/\\_history/1: its text cannot be read: no content entry has a type"
                + " RadTox can read (content\\[0\\] is application/msword)"), detail);
        assertTrue(detail.contains("Not read: DocumentReference/doc-scan/\\_history/1: its text cannot be read"), detail);
        assertTrue(detail.contains("Not read: DocumentReference/doc-empty/\\_history/1: its text cannot be read"), detail);
        assertTrue(detail.contains("Not read: DocumentReference/doc-other/\\_history/1: its subject is Patient/someone-else, not Patient/1288992"), detail);
    }

    @Test
    void aChartOfOnlyUnreadableNotesGetsNoCardsNotAnError() throws Exception {
        ObjectNode word = note("doc-word", "2031-04-01", "x");
        ((ObjectNode) word.get("content").get(0).get("attachment")).put("contentType", "application/msword");
        var r = post(SERVICE, Charts.patientView(word).toString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"cards\":[]}", r.body());
    }

    @Test
    void anInvalidNoteIsSkippedNotFatal() throws Exception {
        ObjectNode broken = note("doc-broken", "2031-04-01", "x");
        broken.put("date", "the day before yesterday");
        var r = post(SERVICE, Charts.patientView(note("doc-3", "2031-04-02", PROCTITIS_G2), broken).toString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode card = CdsServer.json(r).get("cards").get(0);
        assertTrue(card.get("detail").asText().contains("Not read: recentNotes entry 1: not a valid DocumentReference"),
                card.get("detail").asText());
    }

    @Test
    void theWrongMethodIs405() throws Exception {
        var r = server.get(SERVICE, client.token(server.url(SERVICE)).sign());
        outcome(r, 405, "use POST");
        assertEquals(List.of(), List.of());
    }
}
