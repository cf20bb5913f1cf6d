package org.radtox.server.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radtox.server.dashboard.DashboardServer.JSON;
import static org.radtox.server.dashboard.DashboardServer.eventually;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's API as a client uses it: notes in through FHIR, aggregates out of /api/dashboard, always
 * in agreement with the Observations the FHIR API serves. Every note of a run carries a note type unique to
 * the run, and queries filter by it, so a PostgreSQL store that outlives runs does not disturb the counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DashboardApiTest {

    static final String BASIC = "Week 3 of 8. Up 3x at night to void. Denies hematuria. Rectal bleeding G2.";

    private final String run = Long.toString(System.nanoTime(), 36);
    private final String type = "qa-" + run;
    private final String imrt = "IMRT-" + run;
    private DashboardServer server;
    private String noteA;

    abstract String jdbcUrl();

    String patient(String name) {
        return name + "-" + run;
    }

    @BeforeAll
    void start() throws Exception {
        server = DashboardServer.start(jdbcUrl());
        // Patient A: radiotherapy started 2031-01-06, a note in week 2; patient B's notes say nothing of the course.
        noteA = server.storeNote(patient("a"), "2031-01-20", type, "2031-01-06", imrt, BASIC);
        server.storeNote(patient("b"), "2031-03-05", type, null, null, "Up 3x at night to void. Denies hematuria.");
        eventually(() -> standing(patient("a")).size() == 3 && !standing(patient("b")).isEmpty(), "both patients' Observations");
        eventually(() -> server.findings(type) == standing(patient("a")).size() + standing(patient("b")).size(),
                "the findings table to hold every standing Observation");
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** The patient's toxicity Observations that still stand, from the FHIR API: what the dashboard must agree with. */
    private List<JsonNode> standing(String patient) {
        try {
            JsonNode bundle = JSON.readTree(server.get("/fhir/Observation?subject=Patient/" + patient + "&_count=200").body());
            List<JsonNode> out = new ArrayList<>();
            bundle.path("entry").forEach(e -> {
                if (!"entered-in-error".equals(e.at("/resource/status").asText())) {
                    out.add(e.get("resource"));
                }
            });
            return out;
        } catch (Exception e) {
            return List.of();
        }
    }

    private static String symptom(JsonNode observation) {
        for (JsonNode c : observation.at("/code/coding")) {
            if (c.path("system").asText().endsWith("/symptom")) {
                return c.get("code").asText();
            }
        }
        throw new AssertionError("no symptom coding in " + observation);
    }

    private static int grade(JsonNode observation) {
        return observation.at("/valueCodeableConcept/coding/0/code").asInt();
    }

    @Test
    void theGradeDistributionIsTheStandingObservationsCounted() throws Exception {
        Map<String, Integer> expected = new TreeMap<>();
        for (String p : List.of(patient("a"), patient("b"))) {
            standing(p).forEach(o -> expected.merge(symptom(o) + "/" + grade(o), 1, Integer::sum));
        }
        JsonNode overview = server.json("/api/dashboard/overview?noteType=" + type);
        Map<String, Integer> counted = new TreeMap<>();
        overview.get("symptoms").forEach(s -> s.get("findingsByGrade").fields()
                .forEachRemaining(g -> counted.put(s.get("symptom").asText() + "/" + g.getKey(), g.getValue().asInt())));
        assertEquals(expected, counted);
        assertEquals(2, overview.at("/totals/patients").asInt());
        assertEquals(2, overview.at("/totals/notes").asInt());
        assertEquals(12, overview.get("symptoms").size(), "every symptom of the set is listed, assessed or not");
    }

    @Test
    void explicitAbsentFindingsCountAsAssessedButNotAsPresent() throws Exception {
        JsonNode hematuria = bySymptom(server.json("/api/dashboard/overview?noteType=" + type), "hematuria");
        assertEquals(2, hematuria.get("patientsAssessed").asInt(), hematuria.toString());
        assertEquals(0, hematuria.get("patientsPresent").asInt(), hematuria.toString());
        assertEquals(0, hematuria.get("maxGrade").asInt());
        JsonNode bleeding = bySymptom(server.json("/api/dashboard/overview?noteType=" + type), "rectal_hemorrhage");
        assertEquals(1, bleeding.get("patientsPresent").asInt());
        assertEquals(2, bleeding.get("maxGrade").asInt());
    }

    @Test
    void theTimelineIsByWeekSinceRadiotherapyStartWhereNotesCarryItElseByMonth() throws Exception {
        JsonNode weeks = server.json("/api/dashboard/timeline?technique=" + imrt);
        assertEquals("week", weeks.get("by").asText());
        weeks.get("points").forEach(p -> assertEquals("2", p.get("period").asText(), "2031-01-20 is in week 2 after 2031-01-06"));
        JsonNode months = server.json("/api/dashboard/timeline?noteType=" + type + "&by=month");
        List<String> periods = new ArrayList<>();
        months.get("points").forEach(p -> periods.add(p.get("period").asText()));
        assertEquals(List.of("2031-01", "2031-03"), periods.stream().distinct().toList());
        JsonNode rectal = weeks.get("points").findParents("symptom").stream()
                .filter(p -> p.get("symptom").asText().equals("rectal_hemorrhage")).findFirst().orElseThrow();
        assertEquals(2, rectal.get("maxGrade").asInt());
        assertEquals(1, rectal.get("patientsPresent").asInt());
    }

    @Test
    void filtersNarrowWhatIsCounted() throws Exception {
        JsonNode grade2 = server.json("/api/dashboard/overview?noteType=" + type + "&grade=2");
        assertEquals(1, grade2.at("/totals/findings").asInt());
        assertEquals(1, bySymptom(grade2, "rectal_hemorrhage").get("notesPresent").asInt());
        JsonNode march = server.json("/api/dashboard/overview?noteType=" + type + "&from=2031-03-01&to=2031-03-31");
        assertEquals(1, march.at("/totals/patients").asInt());
        assertEquals(standing(patient("b")).size(), march.at("/totals/findings").asInt());
        JsonNode nocturia = server.json("/api/dashboard/overview?noteType=" + type + "&symptom=nocturia");
        assertEquals(1, nocturia.get("symptoms").size());
        assertEquals(0, server.json("/api/dashboard/overview?noteType=" + type + "&student=no-such-version").at("/totals/findings").asInt());
    }

    @Test
    void nonsenseFiltersAreRefusedWithAMessageThatNamesThem() throws Exception {
        Map<String, String> refused = Map.of(
                "/api/dashboard/overview?grade=banana", "grade 'banana'",
                "/api/dashboard/overview?grade=7", "grade '7'",
                "/api/dashboard/timeline?symptom=headache", "unknown symptom 'headache'",
                "/api/dashboard/findings?from=yesterday", "'from' = 'yesterday' is not a date",
                "/api/dashboard/findings.csv?from=2031-05-01&to=2031-01-01", "the date range is empty",
                "/api/dashboard/timeline?by=year", "'by' = 'year'",
                "/api/dashboard/findings?limit=0", "'limit' = '0'",
                "/api/dashboard/models?a=only-one", "give both a and b");
        for (var e : refused.entrySet()) {
            var r = server.get(e.getKey());
            assertEquals(400, r.statusCode(), e.getKey() + " " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), e.getKey());
            assertTrue(JSON.readTree(r.body()).get("error").asText().contains(e.getValue()), e.getKey() + " " + r.body());
        }
    }

    @Test
    void anUnknownPatientOrNoteIs404WithAMessage() throws Exception {
        var patient = server.get("/api/dashboard/patients/nobody-" + run);
        assertEquals(404, patient.statusCode());
        assertTrue(JSON.readTree(patient.body()).get("error").asText().contains("no findings for patient 'nobody-" + run + "'"));
        var note = server.get("/api/dashboard/notes/no-such-note-" + run + "/1");
        assertEquals(404, note.statusCode(), note.body());
        assertEquals(400, server.get("/api/dashboard/notes/" + noteA + "/first").statusCode());
        assertEquals(404, server.get("/api/dashboard/nothing-here").statusCode());
    }

    @Test
    void aPatientsFindingsLinkTheirNotesAndFhirResources() throws Exception {
        JsonNode p = server.json("/api/dashboard/patients/" + patient("a"));
        assertEquals(3, p.get("findings").size());
        assertEquals("/fhir/Patient/" + patient("a"), p.at("/fhir/patient").asText());
        p.get("findings").forEach(f -> assertEquals(noteA, f.get("noteId").asText()));
    }

    @Test
    void aNoteComesWithItsTextAndTheOffsetsOfEachEvidenceQuote() throws Exception {
        JsonNode note = server.json("/api/dashboard/notes/" + noteA + "/1");
        String text = note.at("/note/text").asText();
        assertEquals(BASIC, text);
        assertEquals(3, note.get("findings").size());
        for (JsonNode f : note.get("findings")) {
            assertEquals(f.get("quote").asText(), text.substring(f.get("quoteStart").asInt(), f.get("quoteEnd").asInt()), f.toString());
        }
    }

    @Test
    void theCsvExportHoldsTheFilteredFindings() throws Exception {
        var r = server.get("/api/dashboard/findings.csv?noteType=" + type + "&symptom=nocturia,rectal_hemorrhage");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new java.io.StringReader(r.body()))
                .getRecords();
        long expected = server.json("/api/dashboard/overview?noteType=" + type + "&symptom=nocturia,rectal_hemorrhage").at("/totals/findings").asLong();
        assertEquals(expected, rows.size());
        assertTrue(rows.size() >= 2);
        for (CSVRecord row : rows) {
            assertTrue(List.of("nocturia", "rectal_hemorrhage").contains(row.get("symptom")), row.toString());
            assertFalse(row.get("evidence").isBlank(), row.toString());
            assertTrue(row.get("observation").startsWith("Observation/"));
        }
    }

    @Test
    void aNoteThatChangesStopsCountingTheFindingsOfItsOldVersion() throws Exception {
        String changing = "qa-change-" + run;
        String id = server.storeNote(patient("c"), "2031-04-01", changing, null, null, BASIC);
        eventually(() -> server.findings(changing) == 3, "the first version's three findings");
        var updated = server.send("PUT", "/fhir/DocumentReference/" + id,
                DashboardServer.note(id, patient("c"), "2031-04-01", changing, null, null, "current", "Denies hematuria."));
        assertEquals(200, updated.statusCode(), updated.body());
        eventually(() -> standing(patient("c")).stream().allMatch(o -> o.at("/derivedFrom/0/reference").asText().endsWith("/_history/2"))
                && !standing(patient("c")).isEmpty(), "only the second version's Observations to stand");
        eventually(() -> server.findings(changing) == standing(patient("c")).size(), "the table to follow");
        JsonNode overview = server.json("/api/dashboard/overview?noteType=" + changing);
        assertEquals(0, bySymptom(overview, "rectal_hemorrhage").get("notesAssessed").asInt(), "version 1's rectal bleeding no longer counts");
        JsonNode all = server.json("/api/dashboard/patients/" + patient("c")).get("findings");
        assertTrue(findings(all).stream().anyMatch(f -> f.get("observationStatus").asText().equals("entered-in-error")),
                "the patient view still lists the replaced findings, marked as such");
    }

    @Test
    void twoStudentVersionsAreComparedOnTheNotesBothRead() throws Exception {
        String compared = "qa-models-" + run;
        server.storeNote(patient("d"), "2031-05-01", compared, null, null, BASIC);
        eventually(() -> server.findings(compared) == 3, "the embedded student's three findings");
        // Another student version's reading of the same note, as a node running it would write it: nocturia at grade 2.
        JsonNode nocturia = standing(patient("d")).stream().filter(o -> symptom(o).equals("nocturia")).findFirst().orElseThrow();
        ObjectNode other = nocturia.deepCopy();
        other.remove("id");
        other.remove("identifier");
        ((ObjectNode) other.get("meta")).remove(List.of("versionId", "lastUpdated"));
        ((ObjectNode) other.at("/meta/tag/0")).put("code", "other@" + run);
        ((ObjectNode) other.at("/valueCodeableConcept/coding/0")).put("code", "2");
        var created = server.send("POST", "/fhir/Observation", other.toString());
        assertEquals(201, created.statusCode(), created.body());
        String embedded = nocturia.at("/meta/tag/0/code").asText();
        JsonNode models = server.json("/api/dashboard/models?noteType=" + compared + "&a=" + embedded + "&b=other@" + run);
        List<String> versions = new ArrayList<>();
        models.get("versions").forEach(v -> versions.add(v.get("studentVersion").asText()));
        assertTrue(versions.containsAll(List.of(embedded, "other@" + run)), versions.toString());
        Map<String, JsonNode> agreement = new TreeMap<>();
        models.at("/agreement/symptoms").forEach(s -> agreement.put(s.get("symptom").asText(), s));
        assertEquals(List.of("hematuria", "nocturia", "rectal_hemorrhage"), List.copyOf(agreement.keySet()));
        JsonNode n = agreement.get("nocturia");
        assertEquals(1, n.get("compared").asInt());
        assertEquals(1, n.get("sameStatus").asInt(), "both say present");
        assertEquals(0, n.get("sameGrade").asInt(), "grade 1 against grade 2");
        assertEquals(1, agreement.get("hematuria").get("onlyA").asInt());
        assertTrue(models.get("feedback").isArray());
    }

    private static JsonNode bySymptom(JsonNode overview, String symptom) {
        for (JsonNode s : overview.get("symptoms")) {
            if (s.get("symptom").asText().equals(symptom)) {
                return s;
            }
        }
        throw new AssertionError(symptom + " missing from " + overview);
    }

    private static List<JsonNode> findings(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        ((ArrayNode) array).forEach(out::add);
        return out;
    }
}
