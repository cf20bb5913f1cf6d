package org.radtox.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radtox.cds.Charts.GROSS_HEMATURIA;
import static org.radtox.cds.Charts.WEEK_4;
import static org.radtox.cds.Charts.WEEK_8;
import static org.radtox.cds.Charts.note;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.radtox.student.embedded.EmbeddedStudent;

/**
 * Feedback as CDS Hooks 2.0 sends it (the specification's three examples: suggestion accepted, overridden without
 * a reason, overridden with a reason and comment), stored against the card's findings and student version, listed
 * for reviewers and exported as candidate gold-set lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackTest {

    private static final String SERVICE = "/cds-services/radtox-toxicity";
    private static final String FEEDBACK = SERVICE + "/feedback";
    private static final List<String> SYMPTOMS = List.of("cystitis_noninfective", "dysuria", "erectile_dysfunction", "hematuria",
            "urinary_incontinence", "nocturia", "proctitis", "rectal_hemorrhage", "urinary_frequency", "urinary_urgency",
            "urinary_retention", "diarrhea");

    private CdsClientKeys client;
    private CdsServer server;
    private JsonNode warning;
    private JsonNode info;
    private JsonNode critical;

    @BeforeAll
    void start() throws Exception {
        client = new CdsClientKeys();
        server = CdsServer.start(CdsSettings.builder().trust(client.trust()).build());
        JsonNode cards = CdsServer.json(server.post(SERVICE, Charts.patientView(note("doc-1", "2031-03-01", WEEK_4),
                note("doc-2", "2031-04-02", WEEK_8)).toString(), client.token(server.url(SERVICE)).sign())).get("cards");
        warning = cards.get(0);
        info = cards.get(1);
        critical = CdsServer.json(server.post(SERVICE, Charts.patientView(note("doc-9", "2031-05-10", GROSS_HEMATURIA)).toString(),
                client.token(server.url(SERVICE)).sign())).get("cards").get(0);
        assertEquals(List.of("warning", "info", "critical"), List.of(warning.get("indicator").asText(), info.get("indicator").asText(),
                critical.get("indicator").asText()));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    private java.net.http.HttpResponse<String> send(String body) throws Exception {
        return server.post(FEEDBACK, body, client.token(server.url(FEEDBACK)).sign());
    }

    private static String suggestion(JsonNode card, String labelStart) {
        for (JsonNode s : card.get("suggestions")) {
            if (s.get("label").asText().startsWith(labelStart)) {
                return s.get("uuid").asText();
            }
        }
        throw new AssertionError("no suggestion '" + labelStart + "' on " + card);
    }

    @Test
    void theThreeKindsOfFeedbackAreStoredListedAndExported() throws Exception {
        String proctitis = suggestion(warning, "Record proctitis");
        var accepted = send("{\"feedback\":[{\"card\":\"" + warning.get("uuid").asText() + "\",\"outcome\":\"accepted\","
                + "\"acceptedSuggestions\":[{\"id\":\"" + proctitis + "\"}],\"outcomeTimestamp\":\"2031-04-02T11:00:00Z\"}]}");
        assertEquals(200, accepted.statusCode(), accepted.body());
        var dismissed = send("{\"feedback\":[{\"card\":\"" + info.get("uuid").asText() + "\",\"outcome\":\"overridden\","
                + "\"outcomeTimestamp\":\"2031-04-02T11:01:00Z\"}]}");
        assertEquals(200, dismissed.statusCode(), dismissed.body());
        var overridden = send("{\"feedback\":[{\"card\":\"" + critical.get("uuid").asText() + "\",\"outcome\":\"overridden\","
                + "\"overrideReason\":{\"reason\":{\"code\":\"wrong-grade\",\"system\":\"http://radtox.org/fhir/CodeSystem/cds-override-reason\"},"
                + "\"userComment\":\"Irrigation only, no transfusion: grade 2.\"},\"outcomeTimestamp\":\"2031-05-10T09:30:00Z\"}]}");
        assertEquals(200, overridden.statusCode(), overridden.body());
        // The same entry again (a client retrying) is kept once.
        assertEquals(200, send("{\"feedback\":[{\"card\":\"" + info.get("uuid").asText() + "\",\"outcome\":\"overridden\","
                + "\"outcomeTimestamp\":\"2031-04-02T11:01:00Z\"}]}").statusCode());
        assertTrue(server.hooks.flushCardLog(Duration.ofSeconds(10)));

        JsonNode list = CdsServer.json(server.get("/admin/cds-feedback", null)).get("feedback");
        assertEquals(3, list.size(), list.toString());
        JsonNode newest = list.get(0);
        assertEquals(critical.get("uuid").asText(), newest.get("card").asText());
        assertEquals("overridden", newest.get("outcome").asText());
        assertEquals("wrong-grade", newest.get("overrideReason").get("code").asText());
        assertEquals("Irrigation only, no transfusion: grade 2.", newest.get("overrideReason").get("userComment").asText());
        assertEquals("2031-05-10T09:30:00Z", newest.get("outcomeTimestamp").asText());
        assertTrue(newest.get("cardKnown").asBoolean());
        assertEquals(EmbeddedStudent.bundled().version(), newest.get("student").asText());
        assertEquals("critical", newest.get("indicator").asText());
        assertEquals(Charts.PATIENT, newest.get("patientId").asText());
        List<String> onCard = new ArrayList<>();
        newest.get("findings").forEach(f -> onCard.add(f.get("symptom").asText() + " " + f.get("grade").asInt()));
        assertEquals(List.of("cystitis_noninfective 3", "hematuria 3"), onCard);
        JsonNode acceptedEntry = list.get(2);
        assertEquals(List.of(proctitis), List.of(acceptedEntry.get("acceptedSuggestions").get(0).asText()));
        assertEquals(3, acceptedEntry.get("findings").size());

        String export = server.get("/admin/cds-feedback/gold.jsonl", null).body();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : export.split("\n")) {
            lines.add(CdsServer.JSON.readTree(line));
        }
        assertEquals(2, lines.size(), "one line per quoted note: week 8 and the ED visit");
        for (JsonNode line : lines) {
            assertEquals("clinician-feedback", line.get("origin").asText());
            assertFalse(line.get("deidentified").asBoolean(), "real note text: de-identify before it joins a gold set");
            assertEquals(Set.copyOf(SYMPTOMS), fieldNames(line.get("labels")), "a label for every symptom key");
            for (JsonNode label : line.get("labels")) {
                String status = label.get("status").asText();
                assertTrue(Set.of("present", "absent", "not_mentioned").contains(status));
                if (status.equals("absent")) {
                    assertEquals(0, label.get("grade").asInt());
                } else if (status.equals("not_mentioned")) {
                    assertTrue(label.get("grade").isNull());
                }
            }
        }
        JsonNode week8 = lines.get(0);
        assertEquals(WEEK_8, week8.get("text").asText());
        assertEquals("present", week8.get("labels").get("proctitis").get("status").asText());
        assertEquals(2, week8.get("labels").get("proctitis").get("grade").asInt());
        assertEquals(Set.of("proctitis"), fieldNames(week8.get("reviewed")), "only what the clinician acted on is reviewed");
        assertEquals("absent", week8.get("labels").get("dysuria").get("status").asText(), "overridden without reason: the student's");
        JsonNode ed = lines.get(1);
        assertEquals("present", ed.get("labels").get("hematuria").get("status").asText());
        assertTrue(ed.get("labels").get("hematuria").get("grade").isNull(), "wrong grade: a reviewer grades it");
        assertEquals("overridden: wrong-grade", ed.get("reviewed").get("hematuria").get("clinician").asText());
        assertEquals(Set.of("cystitis_noninfective", "hematuria"), fieldNames(ed.get("reviewed")));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void badFeedbackIs400NamingEachBadEntryAndTheGoodOnesAreStillStored() throws Exception {
        String card = "9368d37b-283f-44a0-93ea-547cebab93ed";
        var r = send("{\"feedback\":["
                + "{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2031-06-01T00:00:00Z\"},"
                + "{\"card\":\"" + card + "\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2031-06-01T00:00:01Z\"},"
                + "{\"card\":\"" + card + "\",\"outcome\":\"ignored\",\"outcomeTimestamp\":\"2031-06-01T00:00:02Z\"},"
                + "{\"card\":\"" + card + "\",\"outcome\":\"overridden\"}]}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("feedback[1]: an accepted outcome names its acceptedSuggestions"), r.body());
        assertTrue(r.body().contains("feedback[2]: outcome must be 'accepted' or 'overridden', not 'ignored'"), r.body());
        assertTrue(r.body().contains("feedback[3]: outcomeTimestamp is required"), r.body());
        assertTrue(r.body().contains("1 other feedback entries were stored"), r.body());
        JsonNode list = CdsServer.json(server.get("/admin/cds-feedback", null)).get("feedback");
        JsonNode stored = null;
        for (JsonNode e : list) {
            if (e.get("card").asText().equals(card)) {
                stored = e;
            }
        }
        assertTrue(stored != null && !stored.get("cardKnown").asBoolean(), "a card RadTox never issued is kept, marked unknown");
        assertNull(stored.get("findings"));
        assertEquals(400, send("{\"feedback\": {}}").statusCode());
        assertEquals(400, send("not json").statusCode());
        assertEquals(404, server.post("/cds-services/nope/feedback", "{\"feedback\":[]}",
                client.token(server.url("/cds-services/nope/feedback")).sign()).statusCode());
    }

    @Test
    void feedbackNeedsAJwtForTheFeedbackEndpoint() throws Exception {
        var r = server.post(FEEDBACK, "{\"feedback\":[]}", client.token(server.url(SERVICE)).sign());
        assertEquals(401, r.statusCode(), "a token for the service is not a token for its feedback endpoint");
    }
}
