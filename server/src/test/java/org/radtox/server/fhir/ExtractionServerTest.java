package org.radtox.server.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radtox.server.fhir.RunningServer.eventually;
import static org.radtox.server.fhir.RunningServer.note;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

import ca.uhn.fhir.validation.ResultSeverityEnum;

import org.radtox.fhir.terminology.EmittedResourceValidator;
import org.radtox.server.extraction.ExtractionQueue;

/**
 * The FHIR server as clients see it: notes in over HTTP, toxicity Observations out, durable extraction.
 * Runs against the embedded database, and against PostgreSQL when scripts/test provides one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExtractionServerTest {

    RunningServer server;
    /** Patients are unique per run: a PostgreSQL store outlives one test run. */
    private final String run = Long.toString(System.nanoTime(), 36);

    private String patient(String name) {
        return name + "-" + run;
    }

    abstract String jdbcUrl();

    @BeforeAll
    void start() throws Exception {
        server = RunningServer.start(jdbcUrl());
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private List<Observation> standing(String patient) throws Exception {
        return server.observations("subject=Patient/" + patient).stream()
                .filter(o -> o.getStatus() != Observation.ObservationStatus.ENTEREDINERROR).toList();
    }

    private static String key(Observation o) {
        return o.getCode().getCoding().stream().filter(c -> c.getSystem().endsWith("/symptom")).findFirst().orElseThrow().getCode()
                + "/" + o.getValueCodeableConcept().getCodingFirstRep().getCode();
    }

    @Test
    void aStoredNoteGetsItsObservationsWithProvenance() throws Exception {
        var created = server.send("POST", "/fhir/DocumentReference",
                note(patient("p-basic"), "Week 5 of 8. Up 3x at night to void. Denies hematuria. Rectal bleeding G2."));
        assertEquals(201, created.statusCode(), created.body());
        DocumentReference doc = server.parse(DocumentReference.class, created.body());
        eventually(() -> count(patient("p-basic")) == 3, "three Observations");
        List<Observation> obs = standing(patient("p-basic"));
        assertEquals(List.of("hematuria/0", "nocturia/1", "rectal_hemorrhage/2"), obs.stream().map(ExtractionServerTest::key).sorted().toList());
        for (Observation o : obs) {
            assertEquals(Observation.ObservationStatus.PRELIMINARY, o.getStatus());
            assertEquals("DocumentReference/" + doc.getIdElement().getIdPart() + "/_history/1", o.getDerivedFromFirstRep().getReference());
            assertTrue(o.getDevice().getReference().startsWith("Device/"), o.getDevice().getReference());
        }
        var provenance = server.send("GET", "/fhir/Provenance?target=Observation/" + obs.get(0).getIdElement().getIdPart(), null);
        assertTrue(provenance.body().contains("\"total\":1"), provenance.body());
    }

    @Test
    void whatTheServerStoresValidatesAgainstTheProfileItPublishes() throws Exception {
        for (String id : List.of("toxicity-observation", "evidence")) {
            var sd = server.send("GET", "/fhir/StructureDefinition/" + id, null);
            assertEquals(200, sd.statusCode(), "StructureDefinition/" + id + " is served");
        }
        server.send("POST", "/fhir/DocumentReference", note(patient("p-valid"),
                "Diarrhea, 6 loose stools a day (baseline 1). No rectal bleeding. Erectile dysfunction on sildenafil."));
        eventually(() -> count(patient("p-valid")) == 3, "extracted");
        EmittedResourceValidator validator = EmittedResourceValidator.builder().build();
        for (Observation o : standing(patient("p-valid"))) {
            // As read back from the store, not as mapped: storage must keep the note version and the evidence.
            var result = validator.validate(o);
            var errors = result.getMessages().stream().filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                    .map(m -> m.getLocationString() + ": " + m.getMessage()).toList();
            assertEquals(List.of(), errors, "Observation/" + o.getIdElement().getIdPart());
        }
    }

    @Test
    void standardSearchFindsToxicityByPatientCodeGradeAndDateWithItsNote() throws Exception {
        String p = patient("p-search");
        server.send("POST", "/fhir/DocumentReference", note(p, "Proctitis G2 on hydrocortisone suppositories. Nocturia x2."));
        eventually(() -> count(p) == 2, "extracted");
        String query = "patient=" + p + "&code=http://radtox.org/fhir/CodeSystem/symptom|proctitis"
                + "&value-concept=http://radtox.org/fhir/CodeSystem/ctcae-grade|2&date=ge2031-01-01&_sort=-date"
                + "&_include=Observation:derived-from&_count=10";
        var r = server.send("GET", "/fhir/Observation?" + query.replace("|", "%7C"), null);
        assertEquals(200, r.statusCode(), r.body());
        var bundle = server.parse(org.hl7.fhir.r4.model.Bundle.class, r.body());
        var types = bundle.getEntry().stream().map(e -> e.getResource().fhirType() + ":" + e.getSearch().getMode().toCode()).sorted().toList();
        assertEquals(List.of("DocumentReference:include", "Observation:match"), types, r.body());
        var byMeddra = server.send("GET", "/fhir/Observation?subject=Patient/" + p + "&code=http://terminology.hl7.org/CodeSystem/mdr%7C10036774", null);
        assertTrue(byMeddra.body().contains("\"total\":1"), byMeddra.body());
    }

    @Test
    void aNewVersionOfANoteReplacesItsObservations() throws Exception {
        var created = server.send("POST", "/fhir/DocumentReference", note(patient("p-update"), "Nocturia x2. Denies dysuria."));
        DocumentReference doc = server.parse(DocumentReference.class, created.body());
        eventually(() -> count(patient("p-update")) == 2, "first version extracted");
        doc.setContent(server.parse(DocumentReference.class, note(patient("p-update"), "Diarrhea, 6 loose stools a day, baseline 1.")).getContent());
        var updated = server.send("PUT", "/fhir/DocumentReference/" + doc.getIdElement().getIdPart(),
                RunningServer.FHIR.newJsonParser().encodeResourceToString(doc.setId(doc.getIdElement().getIdPart())));
        assertEquals(200, updated.statusCode(), updated.body());
        eventually(() -> keys(patient("p-update")).equals(List.of("diarrhea/2")), "second version replaces the first");
        long withdrawn = server.observations("subject=Patient/" + patient("p-update")).stream()
                .filter(o -> o.getStatus() == Observation.ObservationStatus.ENTEREDINERROR).count();
        assertEquals(2, withdrawn, "the first version's Observations stay, visibly entered-in-error");
    }

    @Test
    void versionsStoredFasterThanTheyAreExtractedLeaveOnlyTheNewestCurrent() throws Exception {
        String p = patient("p-quick-edits");
        var created = server.send("POST", "/fhir/DocumentReference", note(p, "Nocturia x2. Denies dysuria."));
        DocumentReference doc = server.parse(DocumentReference.class, created.body());
        String id = doc.getIdElement().getIdPart();
        for (String text : List.of("Dysuria since Tuesday.", "Diarrhea, 6 loose stools a day, baseline 1.")) {
            doc.setContent(server.parse(DocumentReference.class, note(p, text)).getContent());
            var updated = server.send("PUT", "/fhir/DocumentReference/" + id,
                    RunningServer.FHIR.newJsonParser().encodeResourceToString(doc.setId(id)));
            assertEquals(200, updated.statusCode(), updated.body());
        }
        eventually(() -> keys(p).equals(List.of("diarrhea/2")), "only the third version's findings stand");
        Thread.sleep(1000);
        assertEquals(List.of("diarrhea/2"), keys(p), "and nothing from an earlier version reappears");
    }

    @Test
    void aNoteEnteredInErrorTakesItsObservationsWithIt() throws Exception {
        var created = server.send("POST", "/fhir/DocumentReference", note(patient("p-withdrawn"), "Dysuria since Tuesday."));
        DocumentReference doc = server.parse(DocumentReference.class, created.body());
        eventually(() -> count(patient("p-withdrawn")) == 1, "extracted");
        doc.setStatus(Enumerations.DocumentReferenceStatus.ENTEREDINERROR);
        server.send("PUT", "/fhir/DocumentReference/" + doc.getIdElement().getIdPart(),
                RunningServer.FHIR.newJsonParser().encodeResourceToString(doc.setId(doc.getIdElement().getIdPart())));
        eventually(() -> count(patient("p-withdrawn")) == 0, "withdrawn with the note");
    }

    @Test
    void aTransactionOfNotesIsExtractedNoteByNote() throws Exception {
        StringBuilder bundle = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
        for (int i = 0; i < 3; i++) {
            bundle.append(i > 0 ? "," : "").append("{\"resource\":").append(note(patient("p-batch"), "Nocturia x" + (i + 2) + "."))
                    .append(",\"request\":{\"method\":\"POST\",\"url\":\"DocumentReference\"}}");
        }
        var r = server.send("POST", "/fhir", bundle.append("]}").toString());
        assertEquals(200, r.statusCode(), r.body());
        eventually(() -> count(patient("p-batch")) == 3, "three notes, three Observations");
    }

    @Test
    void anExtractionRunTwiceWritesNothingTwice() throws Exception {
        server.send("POST", "/fhir/DocumentReference", note(patient("p-twice"), "Urgency and frequency q1h."));
        eventually(() -> count(patient("p-twice")) == 2, "extracted once");
        // As if a worker had died after its commit but before anyone knew: the job runs again.
        JdbcTemplate jdbc = new JdbcTemplate(server.server.context().getBean(javax.sql.DataSource.class));
        jdbc.update("UPDATE radtox_extraction_job SET state = 'QUEUED', next_attempt_at = CURRENT_TIMESTAMP WHERE note_id IN "
                + "(SELECT note_id FROM radtox_extraction_job ORDER BY id DESC LIMIT 1)");
        eventually(() -> server.server.context().getBean(ExtractionQueue.class).counts().get(ExtractionQueue.State.QUEUED) == 0,
                "the job ran again");
        Thread.sleep(500);
        assertEquals(2, count(patient("p-twice")));
    }

    @Test
    void aNoteThatCannotBeReadIsStoredAndItsJobFailsWithAReason() throws Exception {
        String unreadable = "{\"resourceType\":\"DocumentReference\",\"status\":\"current\",\"subject\":{\"reference\":\"Patient/" + patient("p-bad") + "\"},"
                + "\"content\":[{\"attachment\":{\"contentType\":\"application/x-dicom\",\"data\":\"AAEC\"}}]}";
        var r = server.send("POST", "/fhir/DocumentReference", unreadable);
        assertEquals(201, r.statusCode(), r.body());
        String id = server.parse(DocumentReference.class, r.body()).getIdElement().getIdPart();
        eventually(() -> failureOf(id) != null, "the job failed");
        assertTrue(failureOf(id).contains("application/x-dicom"), failureOf(id));
        assertEquals(200, server.send("GET", "/fhir/DocumentReference/" + id, null).statusCode(), "the note is kept");
    }

    @Test
    void theToxicitySummaryGivesLatestAndHighestGradePerSymptomWithItsTimeline() throws Exception {
        String p = patient("p-summary");
        server.send("POST", "/fhir/DocumentReference", note(p, "Diarrhea, 6 loose stools/day, baseline 1.").replace("2031-04-02", "2031-04-02"));
        server.send("POST", "/fhir/DocumentReference", note(p, "Diarrhea now 3 loose stools a day (baseline 1).").replace("2031-04-02", "2031-05-02"));
        eventually(() -> count(p) == 2, "both notes extracted");
        var r = server.send("GET", "/fhir/Patient/" + p + "/$toxicity-summary", null);
        assertEquals(200, r.statusCode(), r.body());
        var params = server.parse(org.hl7.fhir.r4.model.Parameters.class, r.body());
        var diarrhea = params.getParameter().stream().filter(x -> x.getName().equals("symptom")).findFirst().orElseThrow();
        java.util.function.Function<String, String> part = name -> diarrhea.getPart().stream().filter(x -> x.getName().equals(name))
                .findFirst().orElseThrow().getValue().primitiveValue();
        assertEquals("diarrhea", ((org.hl7.fhir.r4.model.Coding) diarrhea.getPart().get(0).getValue()).getCode());
        assertEquals("1", part.apply("latestGrade"), "the later note says grade 1");
        assertEquals("2", part.apply("maxGrade"), "the earlier note said grade 2");
        assertEquals(2, diarrhea.getPart().stream().filter(x -> x.getName().equals("point")).count());
        assertEquals(404, server.send("GET", "/fhir/Patient/nobody-" + p + "/$toxicity-summary", null).statusCode());
    }

    @Test
    void aNoteWithoutSubjectIsRefusedWithAnOperationOutcome() throws Exception {
        String noSubject = note(patient("p-nosubject"), "Nocturia.").replaceFirst("\"subject\":\\{[^}]*\\},", "");
        var r = server.send("POST", "/fhir/DocumentReference", noSubject);
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.body().contains("OperationOutcome") && r.body().contains("needs a subject"), r.body());
    }

    @Test
    void anAttachmentOverTheLimitIs413() throws Exception {
        String big = note(patient("p-big"), "urgency ".repeat(800_000));
        var r = server.send("POST", "/fhir/DocumentReference", big);
        assertEquals(413, r.statusCode(), r.body().substring(0, Math.min(300, r.body().length())));
        assertTrue(r.body().contains("over the limit"), r.body());
    }

    @Test
    void aBinaryOverTheLimitIs413AtIngestNotLaterAtExtraction() throws Exception {
        String data = java.util.Base64.getEncoder().encodeToString("urgency ".repeat(800_000).getBytes(StandardCharsets.UTF_8));
        var r = server.send("POST", "/fhir/Binary", "{\"resourceType\":\"Binary\",\"contentType\":\"text/plain\",\"data\":\""
                + data + "\"}");
        assertEquals(413, r.statusCode(), r.body().substring(0, Math.min(300, r.body().length())));
        assertTrue(r.body().contains("a Binary of 6400000 bytes is over the limit"), r.body());
    }

    @Test
    void prometheusMetricsCountNotesIngestedAndExtractedAndJobsByState() throws Exception {
        server.send("POST", "/fhir/DocumentReference", note(patient("p-metrics"), "Nocturia x3."));
        eventually(() -> count(patient("p-metrics")) == 1, "extracted");
        var r = server.send("GET", "/metrics", null);
        assertEquals(200, r.statusCode(), r.body());
        for (String metric : List.of("radtox_notes_ingested_total", "radtox_notes_extracted_total", "radtox_observations_written_total",
                "radtox_extraction_failures_total", "radtox_extraction_latency_seconds_count", "radtox_extraction_batch_jobs_count",
                "radtox_extraction_batch_jobs_sum")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + metric + "(\\{[^}]*\\})? ([0-9.E]+)$").matcher(r.body());
            assertTrue(m.find(), metric + " missing from\n" + r.body());
            if (!metric.contains("failures")) {
                assertTrue(Double.parseDouble(m.group(2)) >= 1, metric + " = " + m.group(2));
            }
        }
        assertTrue(r.body().contains("radtox_extraction_jobs{state=\"done\"}"), r.body());
    }

    @Test
    void malformedJsonAndAWrongResourceTypeAreRefusedAndTheServerStaysUp() throws Exception {
        assertEquals(400, server.send("POST", "/fhir/DocumentReference", "{\"resourceType\": \"DocumentRef").statusCode());
        assertEquals(400, server.send("POST", "/fhir/DocumentReference", "{\"resourceType\": \"Patient\"}").statusCode());
        assertEquals(200, server.send("GET", "/fhir/metadata", null).statusCode());
    }

    @Test
    void aTransactionWithOneBadNoteStoresNothingButABatchStoresTheRest() throws Exception {
        String good = note(patient("p-bundle"), "Nocturia x2.");
        String bad = good.replaceFirst("\"subject\":\\{[^}]*\\},", "");
        String entries = "{\"resource\":" + good + ",\"request\":{\"method\":\"POST\",\"url\":\"DocumentReference\"}},"
                + "{\"resource\":" + bad + ",\"request\":{\"method\":\"POST\",\"url\":\"DocumentReference\"}}";
        var tx = server.send("POST", "/fhir", "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}");
        assertEquals(422, tx.statusCode(), tx.body());
        assertTrue(server.send("GET", "/fhir/DocumentReference?subject=Patient/" + patient("p-bundle"), null).body().contains("\"total\":0"));
        var batch = server.send("POST", "/fhir", "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[" + entries + "]}");
        assertEquals(200, batch.statusCode(), batch.body());
        assertTrue(batch.body().contains("201 Created") && batch.body().contains("422"), batch.body());
        assertTrue(server.send("GET", "/fhir/DocumentReference?subject=Patient/" + patient("p-bundle"), null).body().contains("\"total\":1"));
    }

    private String failureOf(String noteId) {
        for (Map<String, Object> f : server.server.context().getBean(ExtractionQueue.class).failures(100)) {
            if (noteId.equals(f.get("note_id"))) {
                return String.valueOf(f.get("last_error"));
            }
        }
        return null;
    }

    private int count(String patient) {
        try {
            return standing(patient).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> keys(String patient) {
        try {
            return standing(patient).stream().map(ExtractionServerTest::key).sorted().toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
