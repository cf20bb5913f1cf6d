package org.radtox.refinement.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.radtox.refinement.GoldFixture;
import org.radtox.refinement.candidate.CandidateScreen;
import org.radtox.refinement.candidate.Edit;
import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.goldset.GoldFolder;
import org.radtox.refinement.goldset.GoldNote;
import org.radtox.refinement.goldset.GoldSet;
import org.radtox.refinement.goldset.Label;
import org.radtox.refinement.goldset.LabelStatus;
import org.radtox.student.version.StudentVersion;

class OfflineTeacherTest {

    @TempDir
    Path dir;

    private static TeacherRequest request(GoldSet train, EmbeddedData data) {
        var results = CandidateScreen.predictAll(data.student(), train);
        List<ErrorCase> errors = new ArrayList<>();
        for (var r : results) {
            for (String s : EmbeddedData.symptomSet().keys()) {
                if (CandidateScreen.cost(r.gold().label(s), r.predicted(s)) > 0) {
                    errors.add(new ErrorCase(r.gold(), s, r.gold().label(s), r.predicted(s), null));
                }
            }
        }
        return new TeacherRequest(data == null ? null : data.version(), data, train, results, errors, 1, 1);
    }

    @Test
    void aPhraseThatRecursWhereTheSymptomIsMissedBecomesALexiconMention() throws Exception {
        GoldFolder gold = GoldFolder.read(GoldFixture.folder(dir.resolve("g"),
                List.of(GoldFixture.note("G-1", "Bathroom trips most nights, 3 or so.", "nocturia=present/1"),
                        GoldFixture.note("G-2", "Since RT, bathroom trips most nights.", "nocturia=present/1"),
                        GoldFixture.note("G-3", "Wakes with leg cramps at night, once.", "nocturia=present/1")),
                List.of(GoldFixture.note("G-4", "x")), List.of(GoldFixture.note("G-5", "x"))), EmbeddedData.symptomSet());
        TeacherAnswer a = OfflineTeacher.create().propose(request(gold.train(), EmbeddedData.bundled()));
        assertEquals(Strategy.PROMPT_REFINEMENT, a.strategies().get("nocturia").strategy());
        List<Edit> edits = a.proposals().stream().flatMap(p -> p.edits().stream()).toList();
        assertTrue(edits.stream().anyMatch(e -> e instanceof Edit.LexiconPhrase l && l.symptom().equals("nocturia")
                && l.phrase().contains("trips most")), edits.toString());
        assertTrue(edits.stream().noneMatch(e -> e.phrase().contains("cramps")), "one note's words are not proposed: " + edits);
        assertTrue(a.proposals().get(0).rationale().contains("fixes 2 (G-1 nocturia, G-2 nocturia)"), a.proposals().get(0).rationale());
        assertEquals(TeacherUsage.NONE, a.usage());
    }

    @Test
    void aWordTheStudentDoesNotKnowIsProposedOnlyWhenThreeTrainNotesBackIt() throws Exception {
        List<String> stinging = List.of("Some stinging at the end of the stream this week.", "Reports stinging, worse in the mornings.",
                "Stinging persists despite extra fluids.");
        assertTrue(proposedPhrases(stinging, "dysuria=present/1").contains("stinging"),
                "a new site's word for a symptom, in three notes where the student missed it");
        assertTrue(!proposedPhrases(stinging.subList(0, 2), "dysuria=present/1").contains("stinging"),
                "two notes could be a coincidence of the train split");
    }

    private List<String> proposedPhrases(List<String> texts, String label) throws Exception {
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            notes.add(GoldFixture.note("G-" + (i + 1), texts.get(i), label));
        }
        Path folder = GoldFixture.folder(dir.resolve("g" + texts.size()), notes, List.of(GoldFixture.note("G-8", "x")),
                List.of(GoldFixture.note("G-9", "x")));
        GoldFolder gold = GoldFolder.read(folder, EmbeddedData.symptomSet());
        TeacherAnswer a = OfflineTeacher.create().propose(request(gold.train(), EmbeddedData.bundled()));
        return a.proposals().stream().flatMap(p -> p.edits().stream()).map(e -> e.phrase().toLowerCase()).toList();
    }

    @Test
    void forAnLlmStudentTheErrorPatternPicksTheStrategy() {
        List<GoldNote> notes = new ArrayList<>();
        List<ErrorCase> errors = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            GoldNote n = new GoldNote("G-" + i, "note " + i, null, java.util.Map.of());
            notes.add(n);
            errors.add(new ErrorCase(n, "diarrhea", new Label(LabelStatus.PRESENT, 1), Label.NOT_MENTIONED, null));
        }
        errors.add(new ErrorCase(notes.get(0), "nocturia", new Label(LabelStatus.PRESENT, 1), Label.NOT_MENTIONED, null));
        errors.add(new ErrorCase(notes.get(1), "nocturia", new Label(LabelStatus.PRESENT, 1), Label.NOT_MENTIONED, null));
        errors.add(new ErrorCase(notes.get(2), "hematuria", new Label(LabelStatus.ABSENT, 0), new Label(LabelStatus.PRESENT, 1), "x"));
        StudentVersion llm = StudentVersion.contentAddressed("ollama", java.util.Map.of("model", "phi3"));
        TeacherAnswer a = OfflineTeacher.create().propose(new TeacherRequest(llm, null, new GoldSet("train", notes), List.of(), errors, 1, 1));
        assertEquals(Strategy.FINE_TUNING, a.strategies().get("diarrhea").strategy());
        assertEquals(Strategy.RETRIEVAL, a.strategies().get("nocturia").strategy());
        assertEquals(Strategy.PROMPT_REFINEMENT, a.strategies().get("hematuria").strategy());
        Proposal retrieval = a.proposals().stream().filter(p -> p.strategy() == Strategy.RETRIEVAL).findFirst().orElseThrow();
        assertEquals(List.of("G-0", "G-1"), retrieval.examples().stream().map(RetrievalExample::noteId).sorted().toList());
        Proposal guidance = a.proposals().stream().filter(p -> p.strategy() == Strategy.PROMPT_REFINEMENT).findFirst().orElseThrow();
        assertTrue(guidance.guidance().contains("Do not report it as present when it is past"), guidance.guidance());
    }
}
