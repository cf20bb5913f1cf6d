package org.radtox.refinement.candidate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.radtox.refinement.candidate.Edit.LexiconRole;
import org.radtox.student.assertion.ContextRules.Category;
import org.radtox.student.finding.Finding;
import org.radtox.student.finding.Status;
import org.radtox.student.note.Note;

class EmbeddedDataTest {

    private static final EmbeddedData BUNDLED = EmbeddedData.bundled();
    private static final Note SLEEP_NOTE = new Note("N-1", "Pt reports broken sleep from bathroom trips most nights.");

    private static List<Finding> read(EmbeddedData data, Note note) {
        return data.student().extract(note);
    }

    @Test
    void theBundledDataIsTheReleaseTheStudentShipsWith() {
        assertEquals("embedded@2026-11-28.1", BUNDLED.version().id());
        assertEquals(BUNDLED.version().id(), BUNDLED.student().version());
    }

    @Test
    void aLexiconPhraseTeachesTheStudentAWayOfSayingASymptom() {
        assertTrue(read(BUNDLED, SLEEP_NOTE).stream().noneMatch(f -> f.symptom().equals("nocturia")));
        EmbeddedData taught = BUNDLED.with(List.of(new Edit.LexiconPhrase("nocturia", LexiconRole.MENTION, "bathroom trips most nights")));
        Finding f = read(taught, SLEEP_NOTE).stream().filter(x -> x.symptom().equals("nocturia")).findFirst().orElseThrow();
        assertEquals(Status.PRESENT, f.status());
        assertEquals(taught.version().id(), taught.student().version(), "the student reports the candidate's own version");
    }

    @Test
    void aCandidateIsNamedByItsContentAndLeavesItsParentAlone() {
        List<Edit> edits = List.of(new Edit.LexiconPhrase("nocturia", LexiconRole.MENTION, "bathroom trips most nights"),
                new Edit.PseudoTrigger("no change in"));
        EmbeddedData a = BUNDLED.with(edits);
        EmbeddedData b = EmbeddedData.bundled().with(edits);
        assertEquals(a.version().id(), b.version().id());
        assertTrue(a.version().id().matches("embedded@[0-9a-f]{12}"), a.version().id());
        assertNotEquals(a.version().id(), BUNDLED.with(edits.subList(0, 1)).version().id());
        assertEquals("embedded@2026-11-28.1", BUNDLED.version().id());
        assertTrue(read(BUNDLED, SLEEP_NOTE).stream().noneMatch(f -> f.symptom().equals("nocturia")));
    }

    @Test
    void storedDataRebuildsTheSameVersion() {
        EmbeddedData a = BUNDLED.with(List.of(new Edit.GradeCuePhrase("urinary_frequency", 2, "started on tamsulosin")));
        EmbeddedData back = EmbeddedData.of(a.lexiconJson(), a.contextRulesJson(), a.gradingJson());
        assertEquals(a.version(), back.version());
        assertEquals(a.version().id(), back.student().version());
    }

    @Test
    void aNegationTriggerAndAGradeCueChangeWhatTheStudentSays() {
        Note note = new Note("N-2", "Nocturia x2. Started on flomax for it.");
        EmbeddedData cue = BUNDLED.with(List.of(new Edit.GradeCuePhrase("nocturia", 2, "started on flomax")));
        assertEquals(2, read(cue, note).stream().filter(f -> f.symptom().equals("nocturia")).findFirst().orElseThrow().grade());
        Note denial = new Note("N-3", "Nowhere near any hematuria.");
        EmbeddedData negation = BUNDLED.with(List.of(new Edit.ContextTrigger(Category.NEGATED, Edit.Side.BEFORE, "nowhere near any")));
        assertEquals(Status.ABSENT, read(negation, denial).stream().filter(f -> f.symptom().equals("hematuria")).findFirst()
                .orElseThrow().status());
    }

    @Test
    void anEditThatCannotApplyIsRefusedWithAReason() {
        var unknown = assertThrows(InvalidEditException.class,
                () -> BUNDLED.with(List.of(new Edit.LexiconPhrase("headache", LexiconRole.MENTION, "head pain"))));
        assertTrue(unknown.getMessage().contains("unknown symptom 'headache'"), unknown.getMessage());
        var regex = assertThrows(InvalidEditException.class,
                () -> BUNDLED.with(List.of(new Edit.LexiconPhrase("nocturia", LexiconRole.MENTION, "up (at night"))));
        assertTrue(regex.getMessage().contains("not a valid regular expression"), regex.getMessage());
        var grade = assertThrows(InvalidEditException.class,
                () -> BUNDLED.with(List.of(new Edit.GradeCuePhrase("dysuria", 2, "burning all day"))));
        assertTrue(grade.getMessage().contains("grade 2 is not a CTCAE v5.0 grade of Dysuria"), grade.getMessage());
        var empty = assertThrows(InvalidEditException.class, () -> BUNDLED.with(List.of(new Edit.PseudoTrigger("(?:x)?"))));
        assertTrue(empty.getMessage().contains("matches the empty string"), empty.getMessage());
    }
}
