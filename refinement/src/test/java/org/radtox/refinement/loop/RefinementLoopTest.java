package org.radtox.refinement.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.radtox.refinement.GoldFixture;
import org.radtox.refinement.candidate.Edit;
import org.radtox.refinement.candidate.Edit.LexiconRole;
import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.goldset.GoldFolder;
import org.radtox.refinement.teacher.OfflineTeacher;
import org.radtox.refinement.teacher.Proposal;
import org.radtox.refinement.teacher.RetrievalExample;
import org.radtox.refinement.teacher.Strategy;
import org.radtox.refinement.teacher.TeacherException;

/**
 * The loop's rules on a small gold folder where the student misses "bathroom trips ... nights" (nocturia):
 * what is kept, what is dropped and why, when rounds stop, and that a seed repeats a run.
 */
class RefinementLoopTest {

    @TempDir
    Path dir;

    private GoldFolder gold;

    private static Proposal mention(String phrase) {
        return Proposal.edits("nocturia", List.of(new Edit.LexiconPhrase("nocturia", LexiconRole.MENTION, phrase)), "test");
    }

    @BeforeEach
    void gold() throws Exception {
        gold = GoldFolder.read(GoldFixture.folder(dir.resolve("gold"),
                List.of(GoldFixture.note("G-1", "Week 4 of RT. Bathroom trips most nights, 3 or so. No dysuria.",
                                "nocturia=present/1", "dysuria=absent/0"),
                        GoldFixture.note("G-2", "Since RT he has bathroom trips most nights. Bowels normal.", "nocturia=present/1"),
                        GoldFixture.note("G-3", "Follow-up. Denies hematuria. Planned trips abroad next month.", "hematuria=absent/0"),
                        GoldFixture.note("G-4", "Erections weaker since RT, on tadalafil.", "erectile_dysfunction=present/2")),
                List.of(GoldFixture.note("G-5", "Reports bathroom trips most nights since week 3.", "nocturia=present/1"),
                        GoldFixture.note("G-6", "Denies dysuria. Business trips twice a month keep him busy.", "dysuria=absent/0"),
                        GoldFixture.note("G-9", "Fishing trips on weekends again. Energy fair.")),
                List.of(GoldFixture.note("G-7", "Bathroom trips most nights, unchanged.", "nocturia=present/1"),
                        GoldFixture.note("G-8", "No complaints. Denies hematuria.", "hematuria=absent/0"))), EmbeddedData.symptomSet());
    }

    private RefinementLoop.Builder loop(ScriptedTeacher teacher) {
        return RefinementLoop.builder().teacher(teacher).gold(gold).maxRounds(3).seed(1);
    }

    @Test
    void aProposalThatHelpsOnTrainAndOnValidationIsKept() {
        RefinementRun run = loop(new ScriptedTeacher(0).then(List.of(mention("bathroom trips most nights")), 0)).build().run();
        RoundResult r = run.rounds().get(0);
        assertEquals(Verdict.KEPT, r.outcomes().get(0).verdict(), r.outcomes().get(0).reason());
        assertEquals(2, r.outcomes().get(0).train().fixed());
        assertEquals(1, r.outcomes().get(0).validation().fixed());
        assertNotNull(r.candidate());
        assertTrue(r.validationGain() > 0);
        assertEquals(r.candidate().version().id(), run.best().versionId());
        assertEquals(1.0, run.best().test().bySymptom().get("nocturia").f1(), "the test note with the phrase is read now");
    }

    @Test
    void aProposalThatCostsOnValidationIsDroppedWhateverItDoesOnTrain() {
        // "trips" fixes the two train notes but makes the business and fishing trips of validation notes nocturia.
        RefinementRun run = loop(new ScriptedTeacher(0).then(List.of(mention("trips")), 0)).build().run();
        ProposalOutcome o = run.rounds().get(0).outcomes().get(0);
        assertEquals(Verdict.LOSES_ON_VALIDATION, o.verdict(), o.reason());
        assertTrue(o.train().fixed() >= 2);
        assertEquals(2, o.validation().broken());
        assertNull(run.rounds().get(0).candidate());
        assertSame(run.baseline(), run.best());
        assertEquals(StopReason.NO_GAIN, run.stop());
    }

    @Test
    void eachProposalIsJudgedOnItsOwn() {
        Proposal noGain = mention("fully rested mornings");
        Proposal invalid = Proposal.edits("nocturia", List.of(new Edit.GradeCuePhrase("nocturia", 5, "fatal")), "test");
        Proposal retrieval = new Proposal("nocturia", Strategy.RETRIEVAL, List.of(), null,
                List.of(new RetrievalExample("G-1", "nocturia", "lay words")), "test");
        RefinementRun run = loop(new ScriptedTeacher(0).then(List.of(noGain, invalid, retrieval, mention("bathroom trips most nights")), 0))
                .build().run();
        List<Verdict> verdicts = run.rounds().get(0).outcomes().stream().map(ProposalOutcome::verdict).toList();
        assertEquals(List.of(Verdict.NO_GAIN_ON_TRAIN, Verdict.INVALID, Verdict.NOT_APPLICABLE, Verdict.KEPT), verdicts);
        assertTrue(run.rounds().get(0).outcomes().get(1).reason().contains("grade 5 is not a CTCAE v5.0 grade"));
        assertTrue(run.rounds().get(0).outcomes().get(2).reason().contains("does not apply to the embedded student"));
    }

    @Test
    void roundsStopBeforeACallThatWouldExceedTheBudget() {
        ScriptedTeacher teacher = new ScriptedTeacher(3).then(List.of(mention("bathroom trips most nights")), 2.5)
                .then(List.of(mention("trips most nights")), 2.5);
        RefinementRun run = loop(teacher).budgetUsd(5).minGain(0).build().run();
        assertEquals(StopReason.BUDGET, run.stop(), run.stopDetail());
        assertEquals(1, teacher.calls);
        assertTrue(run.stopDetail().contains("over the budget of $5.00"), run.stopDetail());
        assertEquals(2.5, run.teacherUsage().dollars());
    }

    @Test
    void aBudgetOfZeroIsRefusedBeforeAnythingRuns() {
        var e = assertThrows(IllegalArgumentException.class, () -> RefinementLoop.builder().budgetUsd(0));
        assertTrue(e.getMessage().contains("--budget-usd must be more than 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RefinementLoop.builder().maxRounds(0));
    }

    @Test
    void aTeacherThatFailsInTheFirstRoundFailsTheRunAndLaterKeepsTheRoundsBefore() {
        var first = assertThrows(TeacherException.class, () -> loop(new ScriptedTeacher(0).thenFail(new TeacherException("teacher unreachable")))
                .build().run());
        assertEquals("teacher unreachable", first.getMessage());
        RefinementRun run = loop(new ScriptedTeacher(0).then(List.of(mention("bathroom trips most nights")), 0)
                .thenFail(new TeacherException("teacher answer in the wrong shape: not JSON"))).minGain(0).build().run();
        assertEquals(StopReason.TEACHER_FAILED, run.stop());
        assertEquals(1, run.rounds().size());
        assertNotNull(run.rounds().get(0).candidate());
    }

    @Test
    void theRoundLimitEndsARunThatKeepsGaining() {
        RefinementRun run = loop(new ScriptedTeacher(0).then(List.of(mention("bathroom trips most nights")), 0)).maxRounds(1).build().run();
        assertEquals(StopReason.ROUND_LIMIT, run.stop());
    }

    @Test
    void theOfflineTeacherRepeatsItselfUnderOneSeed() {
        RefinementRun a = RefinementLoop.builder().teacher(OfflineTeacher.create()).gold(gold).seed(42).build().run();
        RefinementRun b = RefinementLoop.builder().teacher(OfflineTeacher.create()).gold(gold).seed(42).build().run();
        assertEquals(describe(a), describe(b));
        assertTrue(a.best().validation().macro().f1().estimate() > a.baseline().validation().macro().f1().estimate(),
                "the offline teacher finds the phrase the train notes share: " + describe(a));
    }

    private static List<String> describe(RefinementRun run) {
        return run.rounds().stream().flatMap(r -> r.outcomes().stream()
                .map(o -> r.round() + " " + o.verdict() + " " + o.proposal().describe())).toList();
    }
}
