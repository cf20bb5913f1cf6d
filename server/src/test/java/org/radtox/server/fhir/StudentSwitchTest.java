package org.radtox.server.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radtox.server.fhir.RunningServer.eventually;
import static org.radtox.server.fhir.RunningServer.note;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

import org.radtox.refinement.candidate.Edit;
import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.evaluation.Interval;
import org.radtox.refinement.registry.EvaluationSummary;
import org.radtox.refinement.registry.Lineage;
import org.radtox.refinement.registry.PromotionPolicy;
import org.radtox.refinement.registry.RegisteredVersion;
import org.radtox.refinement.registry.VersionRegistry;
import org.radtox.server.config.ServerSettings;
import org.radtox.server.extraction.Backfills;
import org.radtox.server.extraction.ExtractionWorker;
import org.radtox.student.version.StudentVersion;

/**
 * Switching student versions on a running server, one story in steps: notes extracted with the release;
 * a promotion reaches new notes without a restart and a backfill re-extracts every earlier note; a rollback
 * puts the release's own Observations back; a version this node cannot run fails its jobs with the reason
 * while patients keep their results. After every step each note has exactly one current set of
 * Observations, from its newest version by the active student, and no Observation exists twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class StudentSwitchTest {

    private static final String[] TEXTS = {"Up 3x at night to void.", "Denies hematuria. Diarrhea 5 loose stools a day, baseline 1.",
        "Burning with urination since Tuesday.", "Rectal bleeding on the tissue, no clots."};
    static final EvaluationSummary SAME = new EvaluationSummary("validation", "digest", 4, new Interval(0.8, 0.7, 0.9),
            new Interval(0.8, 0.7, 0.9), new Interval(0.8, 0.7, 0.9), Map.of());
    /** The gate is not what this test is about: every version here scores the same, and the same may pass. */
    static final PromotionPolicy ANY = new PromotionPolicy(0, 1);

    private static final EmbeddedData RELEASE_DATA = EmbeddedData.bundled();
    static final RegisteredVersion RELEASE = version(RELEASE_DATA, null);
    static final RegisteredVersion CANDIDATE = version(RELEASE_DATA.with(List.of(
            new Edit.LexiconPhrase("nocturia", Edit.LexiconRole.MENTION, "bathroom trips most nights"))), RELEASE.id());
    /** Registered, but of a kind no module of this build runs. */
    private static final RegisteredVersion UNRUNNABLE = new RegisteredVersion(StudentVersion.contentAddressed("mystery",
            Map.of("model", "sha256:0")), new Lineage(RELEASE.id(), 1, "test", "none", null), List.of(), null, SAME, SAME, Instant.now());

    /** A backfill re-extracts every note; the shared build machine is slow at times. */
    private static final java.time.Duration PATIENCE = java.time.Duration.ofMinutes(5);

    private RunningServer server;
    private VersionRegistry registry;
    private JdbcTemplate sql;
    private final String patient = "switch-" + Long.toString(System.nanoTime(), 36);
    /** Each note's newest version. */
    private final Map<String, Long> notes = new LinkedHashMap<>();

    abstract String jdbcUrl() throws Exception;

    private static RegisteredVersion version(EmbeddedData data, String parent) {
        return new RegisteredVersion(data.version(), new Lineage(parent, parent == null ? 0 : 1, "test", "none", null), List.of(), data,
                SAME, SAME, Instant.now());
    }

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("radtox-switch");
        server = RunningServer.start(new ServerSettings("127.0.0.1", 0, dir, jdbcUrl(), null, null, 2, 120, false, null, "embedded",
                dir.resolve("students"), org.radtox.cds.CdsSettings.builder().build(), 1, 7));
        DataSource db = server.server.context().getBean(DataSource.class);
        registry = VersionRegistry.open(db);
        registry.register(List.of(RELEASE, CANDIDATE, UNRUNNABLE));
        sql = new JdbcTemplate(db);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private String store(int i) throws Exception {
        var r = server.send("POST", "/fhir/DocumentReference", note(patient, TEXTS[i % TEXTS.length]));
        assertEquals(201, r.statusCode(), r.body());
        String id = server.parse(DocumentReference.class, r.body()).getIdElement().getIdPart();
        notes.put(id, 1L);
        return id;
    }

    @Test
    @Order(1)
    void beforeAnyPromotionNotesAreExtractedWithTheConfiguredStudent() throws Exception {
        for (int i = 0; i < 20; i++) {
            store(i);
        }
        // A second version of one note: its newest version is the one that counts.
        String first = notes.keySet().iterator().next();
        DocumentReference again = server.parse(DocumentReference.class, server.send("GET", "/fhir/DocumentReference/" + first, null).body());
        again.getContentFirstRep().getAttachment().setData("Rectal bleeding on the tissue, no clots.".getBytes());
        var updated = server.send("PUT", "/fhir/DocumentReference/" + first, RunningServer.FHIR.newJsonParser().encodeResourceToString(again));
        assertEquals(200, updated.statusCode(), updated.body());
        notes.put(first, 2L);
        eventuallyEachNoteHasOneCurrentSetBy(RELEASE.id());
    }

    @Test
    @Order(2)
    void aPromotionReachesNewNotesWithoutRestartAndTheBackfillReExtractsEveryEarlierNote() throws Exception {
        registry.promote(CANDIDATE.id(), RELEASE.id(), ANY, "qa", "test");
        eventuallyEachNoteHasOneCurrentSetBy(CANDIDATE.id());
        Backfills.Status backfill = latestBackfillFinished(CANDIDATE.id());
        assertEquals(20, backfill.total());
        assertEquals(20, backfill.enqueued(), "each note once, in chunks of 7");
        assertEquals(20, backfill.done());
        String fresh = store(99);
        eventuallyEachNoteHasOneCurrentSetBy(CANDIDATE.id());
        assertEquals(List.of(CANDIDATE.id() + " new"), sql.queryForList("SELECT student_version, backfill_id FROM radtox_extraction_job "
                + "WHERE note_id = ?", fresh).stream().map(r -> r.values().toArray()).map(v -> v[0] + (v[1] == null ? " new" : " backfill"))
                .toList(), "a note stored after the switch is extracted as a new note, with the new version, not by the backfill");
        String metrics = server.send("GET", "/metrics", null).body();
        assertTrue(metrics.contains("radtox_active_student{version=\"" + CANDIDATE.id() + "\"} 1.0"), metrics);
        assertTrue(metrics.contains("radtox_backfill_notes{backfill=\"" + backfill.id() + "\",state=\"total\",version=\"" + CANDIDATE.id()
                + "\"} 20.0"), metrics);
    }

    @Test
    @Order(3)
    void aRollbackPutsTheReleasesOwnObservationsBack() throws Exception {
        Set<String> releaseIdsBefore = new TreeSet<>();
        for (Observation o : observations()) {
            if (key(o).contains("/" + RELEASE.id() + "/")) {
                releaseIdsBefore.add(o.getIdElement().getIdPart());
            }
        }
        registry.rollback("qa", "test");
        eventuallyEachNoteHasOneCurrentSetBy(RELEASE.id());
        latestBackfillFinished(RELEASE.id());
        Set<String> standingRelease = new TreeSet<>();
        for (Observation o : observations()) {
            if (o.getStatus() != Observation.ObservationStatus.ENTEREDINERROR && !o.getDerivedFromFirstRep().getReference()
                    .contains("DocumentReference/" + lastNote() + "/")) {
                standingRelease.add(o.getIdElement().getIdPart());
            }
        }
        assertTrue(releaseIdsBefore.containsAll(standingRelease) && !standingRelease.isEmpty(),
                "the notes extracted with the release before have the same Observations back, not new ones");
    }

    @Test
    @Order(4)
    void aVersionThisNodeCannotRunFailsItsJobsWithTheReasonAndPatientsKeepTheirResults() throws Exception {
        registry.promote(UNRUNNABLE.id(), RELEASE.id(), ANY, "qa", "test");
        String late = store(5);
        eventually(() -> failures().stream().anyMatch(f -> late.equals(f.get("note_id"))), "the new note's job fails", PATIENCE);
        Map<String, Object> failure = failures().stream().filter(f -> late.equals(f.get("note_id"))).findFirst().orElseThrow();
        assertEquals(UNRUNNABLE.id(), failure.get("student_version"));
        assertTrue(String.valueOf(failure.get("last_error")).contains("cannot be run on this node")
                && String.valueOf(failure.get("last_error")).contains("mystery"), String.valueOf(failure.get("last_error")));
        latestBackfillFinished(UNRUNNABLE.id());
        notes.remove(late);
        assertEquals(expected(RELEASE.id()), currentSets(), "nothing was retired for a version that cannot run");
        assertEquals(200, server.send("GET", "/fhir/metadata", null).statusCode(), "the node keeps serving");
        notes.put(late, 1L);
        registry.rollback("qa", "the new version cannot run here");
        eventuallyEachNoteHasOneCurrentSetBy(RELEASE.id());
    }

    private String lastNote() {
        String last = null;
        for (String id : notes.keySet()) {
            last = id;
        }
        return last;
    }

    private List<Map<String, Object>> failures() {
        try {
            var r = server.send("GET", "/admin/extraction", null);
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            List<Map<String, Object>> out = new ArrayList<>();
            for (var f : json.get("failures")) {
                Map<String, Object> m = new HashMap<>();
                f.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
                out.add(m);
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Backfills.Status latestBackfillFinished(String version) throws InterruptedException {
        Backfills backfills = server.server.context().getBean(Backfills.class);
        eventually(() -> {
            Backfills.Status b = backfills.recent(1).get(0);
            return b.studentVersion().equals(version) && b.state() == Backfills.State.FINISHED;
        }, "the backfill for " + version + " finishes", PATIENCE);
        return backfills.recent(1).get(0);
    }

    private void eventuallyEachNoteHasOneCurrentSetBy(String version) throws Exception {
        Map<String, Set<String>> expected = expected(version);
        eventually(() -> expected.equals(currentSets()), "each note's one current set is by " + version, PATIENCE);
        Map<String, Integer> times = new HashMap<>();
        observations().forEach(o -> times.merge(key(o), 1, Integer::sum));
        times.values().removeIf(n -> n == 1);
        assertEquals(Map.of(), times, "Observations written twice");
    }

    private Map<String, Set<String>> expected(String version) {
        Map<String, Set<String>> out = new TreeMap<>();
        notes.forEach((id, v) -> out.put(id, Set.of(v + "/" + version)));
        return out;
    }

    /** For each note, the (note version, student version) pairs of its standing Observations. */
    private Map<String, Set<String>> currentSets() {
        Map<String, Set<String>> out = new TreeMap<>();
        try {
            for (Observation o : observations()) {
                if (o.getStatus() != Observation.ObservationStatus.ENTEREDINERROR) {
                    String[] k = key(o).split("/");
                    out.computeIfAbsent(k[0], x -> new TreeSet<>()).add(k[1] + "/" + k[2]);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static String key(Observation o) {
        return o.getIdentifier().stream().filter(i -> ExtractionWorker.EXTRACTION_IDENTIFIER.equals(i.getSystem()))
                .map(Identifier::getValue).findFirst().orElseThrow();
    }

    /** Every Observation of the test's patient, retired ones included, page by page. */
    private List<Observation> observations() throws Exception {
        List<Observation> out = new ArrayList<>();
        String next = "/fhir/Observation?subject=Patient/" + patient + "&_count=500";
        while (next != null) {
            Bundle page = server.parse(Bundle.class, server.send("GET", next, null).body());
            page.getEntry().forEach(e -> out.add((Observation) e.getResource()));
            next = page.getLink("next") == null ? null : page.getLink("next").getUrl().replaceFirst("^http://[^/]+", "");
        }
        return out;
    }
}
