package org.radtox.refinement.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.radtox.refinement.GoldFixture;
import org.radtox.refinement.candidate.Edit;
import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.evaluation.Interval;
import org.radtox.refinement.goldset.GoldFolder;
import org.radtox.refinement.loop.RefinementLoop;
import org.radtox.refinement.loop.RefinementRun;
import org.radtox.refinement.teacher.Proposal;
import org.radtox.refinement.teacher.Teacher;
import org.radtox.refinement.teacher.TeacherAnswer;
import org.radtox.refinement.teacher.TeacherRequest;
import org.radtox.refinement.teacher.TeacherUsage;

/**
 * What the registry promises on every database it runs on: immutable content-addressed versions with lineage
 * and evaluations, a promotion gate that changes nothing when it refuses, rollback, a cheap change stamp,
 * students built from stored data, and exports that read back.
 */
abstract class VersionRegistryContract {

    /** A fresh, empty database for each test. */
    abstract DataSource freshDatabase() throws Exception;

    @TempDir
    static Path gold;

    private static List<RegisteredVersion> run;
    private VersionRegistry registry;

    /** One real run on a small gold folder: the bundled release and one candidate that reads "bathroom trips". */
    @BeforeAll
    static void refine() throws Exception {
        GoldFolder folder = GoldFolder.read(GoldFixture.folder(gold.resolve("g"),
                List.of(GoldFixture.note("G-1", "Bathroom trips most nights.", "nocturia=present/1"),
                        GoldFixture.note("G-2", "He has bathroom trips most nights.", "nocturia=present/1")),
                List.of(GoldFixture.note("G-3", "Bathroom trips most nights, worse.", "nocturia=present/1"),
                        GoldFixture.note("G-4", "Denies hematuria.", "hematuria=absent/0")),
                List.of(GoldFixture.note("G-5", "Bathroom trips most nights.", "nocturia=present/1"))), EmbeddedData.symptomSet());
        Teacher once = new Teacher() {
            private boolean asked;

            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public double estimateDollars(TeacherRequest r) {
                return 0;
            }

            @Override
            public TeacherAnswer propose(TeacherRequest r) {
                List<Proposal> p = asked ? List.of() : List.of(Proposal.edits("nocturia",
                        List.of(new Edit.LexiconPhrase("nocturia", Edit.LexiconRole.MENTION, "bathroom trips most nights")), "test"));
                asked = true;
                return new TeacherAnswer(Map.of(), p, TeacherUsage.NONE);
            }
        };
        RefinementRun r = RefinementLoop.builder().teacher(once).gold(folder).seed(3).build().run();
        run = r.registrations(folder);
        assertEquals(2, run.size());
    }

    @BeforeEach
    void open() throws Exception {
        registry = VersionRegistry.open(freshDatabase());
    }

    private RegisteredVersion release() {
        return run.get(0);
    }

    private RegisteredVersion candidate() {
        return run.get(1);
    }

    @Test
    void itOpensBesideTheServersOwnTablesAndOpeningAgainChangesNothing() throws Exception {
        DataSource shared = freshDatabase();
        try (var c = shared.getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TABLE hfj_resource_like (id BIGINT PRIMARY KEY)");
        }
        VersionRegistry first = VersionRegistry.open(shared);
        first.register(run);
        VersionRegistry second = VersionRegistry.open(shared);
        assertEquals(2, second.list().size());
    }

    @Test
    void versionsAreStoredWithLineageEvaluationsAndData() {
        assertEquals(List.of(release().id(), candidate().id()), registry.register(run));
        RegisteredVersion c = registry.find(candidate().id()).orElseThrow();
        assertEquals(candidate().version(), c.version());
        assertEquals(new Lineage(release().id(), 1, "prompt refinement", "scripted", c.lineage().runId()), c.lineage());
        assertEquals(candidate().edits(), c.edits());
        assertEquals(candidate().validation(), c.validation());
        assertEquals(candidate().test(), c.test());
        assertEquals(candidate().id(), registry.student(candidate().id()).version(), "a student built from the stored data");
        assertEquals("embedded@2026-11-28.1", registry.find(release().id()).orElseThrow().id());
        assertEquals(List.of(), registry.register(run), "the same content is the same version: registering again adds nothing");
        assertEquals(2, registry.list().size());
    }

    @Test
    void promotionPassesTheGateAndTheActiveVersionChanges() {
        registry.register(run);
        assertTrue(registry.active().isEmpty());
        assertEquals(0, registry.changeStamp());
        VersionEvent e = registry.promote(candidate().id(), release().id(), PromotionPolicy.DEFAULT, "qa", "better nocturia");
        assertEquals(candidate().id(), registry.active().orElseThrow().versionId());
        assertEquals(release().id(), e.previousId());
        assertTrue(registry.changeStamp() > 0);
    }

    @Test
    void aRefusedPromotionSaysWhyAndChangesNothing() {
        registry.register(run);
        var noGain = assertThrows(PromotionRefusedException.class,
                () -> registry.promote(candidate().id(), release().id(), new PromotionPolicy(2.0, 0.02), "qa", null));
        assertTrue(noGain.reasons().get(0).contains("the gate asks for at least +2.0000"), noGain.getMessage());
        var unknown = assertThrows(PromotionRefusedException.class,
                () -> registry.promote("embedded@000000000000", release().id(), PromotionPolicy.DEFAULT, "qa", null));
        assertTrue(unknown.getMessage().contains("no such version"), unknown.getMessage());
        var self = assertThrows(PromotionRefusedException.class,
                () -> registry.promote(release().id(), release().id(), PromotionPolicy.DEFAULT, "qa", null));
        assertTrue(self.getMessage().contains("active version already"), self.getMessage());
        assertTrue(registry.active().isEmpty());
        assertEquals(0, registry.changeStamp());
    }

    @Test
    void aVersionWithoutATestReportOrWithASymptomTooMuchWorseIsNotPromoted() {
        RegisteredVersion c = candidate();
        RegisteredVersion untested = new RegisteredVersion(c.version(), c.lineage(), c.edits(), c.data(), c.validation(), null, Instant.now());
        registry.register(List.of(release(), untested));
        var e = assertThrows(PromotionRefusedException.class,
                () -> registry.promote(c.id(), release().id(), PromotionPolicy.DEFAULT, "qa", null));
        assertTrue(e.reasons().contains(c.id() + " has no test-split report"), e.getMessage());

        EvaluationSummary v = c.validation();
        Map<String, EvaluationSummary.SymptomFigures> worse = new java.util.LinkedHashMap<>(v.symptoms());
        var h = worse.get("hematuria");
        worse.put("hematuria", new EvaluationSummary.SymptomFigures(h.accuracy() - 0.5, h.precision(), h.recall(), h.f1(), h.gradeMatch(),
                h.truePositives()));
        RegisteredVersion other = new RegisteredVersion(EmbeddedData.bundled().with(List.of(new Edit.PseudoTrigger("no change at all")))
                .version(), c.lineage(), List.of(new Edit.PseudoTrigger("no change at all")),
                EmbeddedData.bundled().with(List.of(new Edit.PseudoTrigger("no change at all"))),
                new EvaluationSummary(v.goldSet(), v.goldDigest(), v.notes(), v.accuracy(), v.macroF1(), v.gradeMatch(), worse), c.test(),
                Instant.now());
        registry.register(List.of(other));
        var w = assertThrows(PromotionRefusedException.class,
                () -> registry.promote(other.id(), release().id(), PromotionPolicy.DEFAULT, "qa", null));
        assertTrue(w.reasons().stream().anyMatch(r -> r.startsWith("hematuria accuracy falls from")), w.getMessage());
        assertTrue(registry.active().isEmpty());
    }

    @Test
    void versionsEvaluatedOnOtherNotesAreNotCompared() {
        RegisteredVersion c = candidate();
        EvaluationSummary v = c.validation();
        RegisteredVersion elsewhere = new RegisteredVersion(c.version(), c.lineage(), c.edits(), c.data(), new EvaluationSummary(v.goldSet(),
                "another-gold-set", v.notes(), v.accuracy(), new Interval(0.99, 0.98, 1), v.gradeMatch(), v.symptoms()), c.test(), Instant.now());
        registry.register(List.of(release(), elsewhere));
        var e = assertThrows(PromotionRefusedException.class,
                () -> registry.promote(c.id(), release().id(), PromotionPolicy.DEFAULT, "qa", null));
        assertTrue(e.getMessage().contains("evaluated on different validation notes"), e.getMessage());
    }

    @Test
    void rollbackReturnsToTheVersionBeforeAndSaysWhenThereIsNone() {
        registry.register(run);
        var none = assertThrows(PromotionRefusedException.class, () -> registry.rollback("qa", null));
        assertTrue(none.getMessage().contains("nothing was ever promoted"), none.getMessage());
        registry.promote(candidate().id(), release().id(), PromotionPolicy.DEFAULT, "qa", null);
        long stamp = registry.changeStamp();
        VersionEvent back = registry.rollback("qa", "clinicians report false nocturia");
        assertEquals(release().id(), back.versionId());
        assertEquals(release().id(), registry.active().orElseThrow().versionId());
        assertTrue(registry.changeStamp() > stamp);
        var again = assertThrows(PromotionRefusedException.class, () -> registry.rollback("qa", null));
        assertTrue(again.getMessage().contains("no earlier version on record"), again.getMessage());
        assertEquals(List.of(VersionEvent.Action.PROMOTE, VersionEvent.Action.ROLLBACK),
                registry.history().stream().map(VersionEvent::action).toList());
    }

    @Test
    void anExportReadsBackAsTheSameVersions(@TempDir Path out) throws Exception {
        registry.register(run);
        registry.promote(candidate().id(), release().id(), PromotionPolicy.DEFAULT, "qa", null);
        Path index = registry.export(out);
        var root = new ObjectMapper().readTree(index.toFile());
        assertEquals(2, root.path("versions").size());
        assertEquals("PROMOTE", root.path("events").get(0).path("action").asText());
        Path folder = out.resolve(root.path("versions").get(1).path("folder").asText());
        EmbeddedData back = EmbeddedData.of(Files.readString(folder.resolve("lexicon.json"), StandardCharsets.UTF_8),
                Files.readString(folder.resolve("context-rules.json"), StandardCharsets.UTF_8),
                Files.readString(folder.resolve("grading.json"), StandardCharsets.UTF_8));
        assertEquals(candidate().id(), back.version().id());
        var manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
        assertEquals(release().id(), manifest.path("lineage").path("parentId").asText());
        assertEquals("bathroom trips most nights", manifest.path("edits").get(0).path("phrase").asText());
    }
}
