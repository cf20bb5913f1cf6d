package org.radtox.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radtox.cds.Charts.PATIENT;
import static org.radtox.cds.Charts.PROCTITIS_G2;
import static org.radtox.cds.Charts.WEEK_4;
import static org.radtox.cds.Charts.note;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * When the client did not prefetch, RadTox reads the EHR's FHIR server itself with the token the client gave
 * (CDS Hooks 2.0 "FHIR Resource Access"), within its deadline, and answers 412 when it cannot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EhrFetchTest {

    private static final String SERVICE = "/cds-services/radtox-toxicity";
    private static final Duration DEADLINE = Duration.ofMillis(3000);

    private CdsClientKeys client;
    private CdsServer server;
    private FakeEhr ehr;

    @BeforeAll
    void start() throws Exception {
        client = new CdsClientKeys();
        server = CdsServer.start(CdsSettings.builder().trust(client.trust()).deadline(DEADLINE).build());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void ehr() throws Exception {
        ehr = new FakeEhr();
    }

    @AfterEach
    void ehrDown() {
        ehr.close();
    }

    private java.net.http.HttpResponse<String> call(ObjectNode call) throws Exception {
        return server.post(SERVICE, call.toString(), client.token(server.url(SERVICE)).sign());
    }

    private ObjectNode withoutPrefetch() {
        return Charts.withFhirServer(Charts.call("patient-view"), ehr.base, "some-opaque-fhir-access-token");
    }

    @Test
    void missingPrefetchIsFetchedFromTheEhrWithTheClientsToken() throws Exception {
        ehr.notes = Charts.searchset(note("doc-1", "2031-03-01", WEEK_4), note("doc-3", "2031-04-02", PROCTITIS_G2));
        var r = call(withoutPrefetch());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode cards = CdsServer.json(r).get("cards");
        assertEquals(2, cards.size(), r.body());
        assertEquals(List.of("CTCAE grade 2 proctitis documented 2031-04-02 (new)",
                "CTCAE grade 1: dysuria (new), nocturia (new); as of 2031-03-01"),
                List.of(cards.get(0).get("summary").asText(), cards.get(1).get("summary").asText()));
        FakeEhr.Seen notes = ehr.requests.stream().filter(s -> s.pathAndQuery().startsWith("/fhir/DocumentReference")).findFirst().orElseThrow();
        assertEquals("Bearer some-opaque-fhir-access-token", notes.authorization());
        assertTrue(notes.pathAndQuery().contains("patient=" + PATIENT) && notes.pathAndQuery().contains("_count=20")
                && notes.pathAndQuery().contains("status=current"), notes.pathAndQuery());
        assertTrue(ehr.requests.stream().anyMatch(s -> s.pathAndQuery().startsWith("/fhir/Observation?patient=" + PATIENT)),
                "the recorded toxicities are fetched too: " + ehr.requests);
        assertTrue(ehr.requests.stream().noneMatch(s -> s.pathAndQuery().contains("metadata")), "no CapabilityStatement round trip");
    }

    @Test
    void aPrefetchedKeyIsNotFetchedAgain() throws Exception {
        ObjectNode call = withoutPrefetch();
        ObjectNode prefetch = call.putObject("prefetch");
        prefetch.set("recentNotes", Charts.bundle(List.of(note("doc-3", "2031-04-02", PROCTITIS_G2))));
        var r = call(call);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(ehr.requests.stream().noneMatch(s -> s.pathAndQuery().startsWith("/fhir/DocumentReference")), ehr.requests.toString());
        assertTrue(ehr.requests.stream().anyMatch(s -> s.pathAndQuery().startsWith("/fhir/Observation")),
                "only the key the client did not send is fetched");
    }

    @Test
    void aNoteWhoseTextIsABinaryOnTheEhrIsReadFromThere() throws Exception {
        ObjectNode doc = note("doc-b", "2031-04-02", "placeholder");
        ObjectNode attachment = (ObjectNode) doc.get("content").get(0).get("attachment");
        attachment.remove("data");
        attachment.put("url", "Binary/b1");
        ehr.notes = Charts.searchset(doc);
        ehr.binaries.put("Binary/b1", "{\"resourceType\":\"Binary\",\"id\":\"b1\",\"contentType\":\"text/plain\",\"data\":\""
                + Base64.getEncoder().encodeToString(PROCTITIS_G2.getBytes(StandardCharsets.UTF_8)) + "\"}");
        var r = call(withoutPrefetch());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("CTCAE grade 2 proctitis documented 2031-04-02 (new)", CdsServer.json(r).get("cards").get(0).get("summary").asText());
        assertTrue(ehr.requests.stream().anyMatch(s -> s.pathAndQuery().startsWith("/fhir/Binary/b1")
                && "Bearer some-opaque-fhir-access-token".equals(s.authorization())), ehr.requests.toString());
    }

    @Test
    void aSlowEhrGets412WithinTheDeadlineNotAHungCall() throws Exception {
        ehr.delay = Duration.ofSeconds(6);
        long t0 = System.nanoTime();
        var r = call(withoutPrefetch());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(412, r.statusCode(), r.body());
        assertTrue(r.body().contains("OperationOutcome") && r.body().contains("did not send the notes within"), r.body());
        assertTrue(millis < DEADLINE.toMillis() + 1000, "answered after " + millis + " ms");
    }

    @Test
    void anEhrSlowOnlyWithTheRecordedToxicitiesStillGetsCardsFromTheNotes() throws Exception {
        ehr.notes = Charts.searchset(note("doc-3", "2031-04-02", PROCTITIS_G2));
        ehr.observationsDelay = Duration.ofSeconds(8);
        long t0 = System.nanoTime();
        var r = call(withoutPrefetch());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(millis < DEADLINE.toMillis() + 1000, "answered after " + millis + " ms");
        JsonNode card = CdsServer.json(r).get("cards").get(0);
        assertEquals("CTCAE grade 2 proctitis documented 2031-04-02 (new)", card.get("summary").asText());
        assertTrue(card.get("detail").asText().contains("already recorded in the chart were not available"));
    }

    @Test
    void aFailingEhrGets412SayingWhy() throws Exception {
        ehr.failWith = 500;
        var r = call(withoutPrefetch());
        assertEquals(412, r.statusCode(), r.body());
        assertTrue(r.body().contains("HTTP 500"), r.body());
    }

    @Test
    void anEhrThatIsNotThereGets412() throws Exception {
        ObjectNode call = withoutPrefetch();
        ehr.close();
        var r = call(call);
        assertEquals(412, r.statusCode(), r.body());
        assertTrue(r.body().contains("could not be read"), r.body());
    }

    @Test
    void noPrefetchAndNoFhirServerIs412AsTheSpecificationSays() throws Exception {
        var r = call(Charts.call("patient-view"));
        assertEquals(412, r.statusCode(), r.body());
        assertTrue(r.body().contains("prefetch 'recentNotes' is missing"), r.body());
    }

    @Test
    void aFailedClientPrefetchReportedAsOperationOutcomeIsFetchedInstead() throws Exception {
        ehr.notes = Charts.searchset(note("doc-3", "2031-04-02", PROCTITIS_G2));
        ObjectNode call = withoutPrefetch();
        call.putObject("prefetch").putObject("recentNotes").put("resourceType", "OperationOutcome");
        var r = call(call);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, CdsServer.json(r).get("cards").size());
    }

    @Test
    void whenOnlyTheRecordedToxicitiesCannotBeFetchedTheCardsSaySo() throws Exception {
        ObjectNode call = withoutPrefetch();
        call.putObject("prefetch").set("recentNotes", Charts.bundle(List.of(note("doc-3", "2031-04-02", PROCTITIS_G2))));
        ehr.failWith = 503;
        var r = call(call);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(CdsServer.json(r).get("cards").get(0).get("detail").asText().contains("already recorded in the chart were not available"));
    }
}
