package org.radtox.refinement.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.radtox.refinement.GoldFixture;
import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.goldset.GoldFolder;
import org.radtox.refinement.goldset.GoldSet;

/** Clinician feedback becomes candidate labels; only a reviewer's accept puts them in a gold set. */
class FeedbackReviewTest {

    @TempDir
    Path dir;

    private Path gold() throws Exception {
        return GoldFixture.folder(dir.resolve("gold"), List.of(GoldFixture.note("G-1", "Up 3x at night.", "nocturia=present/1")),
                List.of(GoldFixture.note("G-2", "x")), List.of(GoldFixture.note("G-3", "x")));
    }

    private static String feedback(String id, String labels) {
        return "{\"id\":\"" + id + "\",\"text\":\"Pt says up 4 times a night, started tamsulosin.\",\"source\":\"clinician-feedback\","
                + "\"feedback\":{\"card\":\"nocturia\",\"outcome\":\"overridden\"},\"labels\":{" + labels + "}}";
    }

    @Test
    void importWritesFlaggedLinesForReviewAndSkipsOrListsTheRest() throws Exception {
        Path in = dir.resolve("cds.jsonl");
        Files.write(in, List.of(feedback("F-1", "\"nocturia\":{\"status\":\"present\",\"grade\":2}"),
                "{\"id\":\"N-9\",\"text\":\"not feedback\"}",
                feedback("F-2", "\"dysuria\":{\"status\":\"present\",\"grade\":2}"),
                "{not json"));
        Path review = dir.resolve("review.jsonl");
        FeedbackReview.Outcome o = FeedbackReview.importFeedback(in, review, EmbeddedData.symptomSet());
        assertEquals(1, o.used());
        assertEquals(1, o.skipped());
        assertEquals(2, o.problems().size(), o.problems().toString());
        assertTrue(o.problems().get(0).contains("cds.jsonl:3: dysuria: grade 2 is not a CTCAE v5.0 grade"), o.problems().toString());
        assertTrue(o.problems().get(1).contains("cds.jsonl:4: not JSON"), o.problems().toString());
        String line = Files.readAllLines(review).get(0);
        assertTrue(line.contains("\"review\":{\"decision\":\"pending\",\"reviewer\":null}"), line);
    }

    @Test
    void nothingEntersTheGoldSetWithoutAnAcceptAndACompleteLabelSet() throws Exception {
        Path gold = gold();
        Path review = dir.resolve("review.jsonl");
        String complete = GoldFixture.note("F-1", "Pt says up 4 times a night, started tamsulosin.", "nocturia=present/2")
                .replace("}}}", "}},\"review\":{\"decision\":\"accept\"}}");
        String pending = GoldFixture.note("F-2", "Burning on urination.", "dysuria=present/1");
        Files.write(review, List.of(pending, complete));
        var o = FeedbackReview.accept(review, gold, GoldSet.Split.TRAIN, EmbeddedData.symptomSet(), "QA nurse 2");
        assertEquals(1, o.used());
        assertEquals(1, o.skipped());
        GoldFolder after = GoldFolder.read(gold, EmbeddedData.symptomSet());
        assertEquals(List.of("G-1", "F-1"), after.train().notes().stream().map(n -> n.id()).toList());
        assertTrue(Files.readAllLines(gold.resolve("train.jsonl")).get(1).contains("\"reviewer\":\"QA nurse 2\""));
    }

    @Test
    void oneBadAcceptedLineWritesNothing() throws Exception {
        Path gold = gold();
        String before = Files.readString(gold.resolve("train.jsonl"));
        Path review = dir.resolve("review.jsonl");
        String good = GoldFixture.note("F-1", "Up 4 times a night.", "nocturia=present/1").replace("}}}", "}},\"review\":{\"decision\":\"accept\"}}");
        String partial = "{\"id\":\"F-2\",\"text\":\"x\",\"labels\":{\"nocturia\":{\"status\":\"present\",\"grade\":1}},"
                + "\"review\":{\"decision\":\"accept\"}}";
        String taken = GoldFixture.note("G-1", "Again.", "nocturia=present/1").replace("}}}", "}},\"review\":{\"decision\":\"accept\"}}");
        Files.write(review, List.of(good, partial, taken));
        var o = FeedbackReview.accept(review, gold, GoldSet.Split.TRAIN, EmbeddedData.symptomSet(), "QA nurse 2");
        assertEquals(0, o.used());
        assertTrue(o.problems().get(0).contains("no label for cystitis_noninfective"), o.problems().toString());
        assertTrue(o.problems().get(1).contains("id G-1 is in the gold set already"), o.problems().toString());
        assertEquals(before, Files.readString(gold.resolve("train.jsonl")));
        assertThrows(IllegalArgumentException.class,
                () -> FeedbackReview.accept(review, gold, GoldSet.Split.TRAIN, EmbeddedData.symptomSet(), " "));
    }
}
