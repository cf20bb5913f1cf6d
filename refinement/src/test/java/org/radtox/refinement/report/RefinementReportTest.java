package org.radtox.refinement.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.radtox.refinement.GoldFixture;
import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.cost.CostLedger;
import org.radtox.refinement.cost.PriceTable;
import org.radtox.refinement.goldset.GoldFolder;
import org.radtox.refinement.goldset.GoldNote;
import org.radtox.refinement.loop.RefinementLoop;
import org.radtox.refinement.loop.RefinementRun;
import org.radtox.refinement.teacher.OfflineTeacher;

/** A run's report: every section the issue asks for, in Markdown and HTML, with images that decode. */
class RefinementReportTest {

    @TempDir
    Path dir;

    @Test
    void aRunIsReportedWithFiguresStrategiesNotesImagesAndCost() throws Exception {
        GoldFolder gold = GoldFolder.read(GoldFixture.folder(dir.resolve("gold"),
                List.of(GoldFixture.note("G-1", "Bathroom trips most nights. Denies <b>hematuria</b>.", "nocturia=present/1",
                                "hematuria=absent/0"),
                        GoldFixture.note("G-2", "He has bathroom trips most nights.", "nocturia=present/1")),
                List.of(GoldFixture.note("G-3", "Bathroom trips most nights, worse.", "nocturia=present/1")),
                List.of(GoldFixture.note("G-4", "Bathroom trips most nights.", "nocturia=present/1"),
                        GoldFixture.note("G-5", "GI: BMs 3/day, baseline 1.", "diarrhea=present/1"))), EmbeddedData.symptomSet());
        RefinementRun run = RefinementLoop.builder().teacher(OfflineTeacher.create()).gold(gold).seed(5).build().run();
        List<GoldNote> all = new ArrayList<>(gold.train().notes());
        all.addAll(gold.validation().notes());
        all.addAll(gold.test().notes());
        CostLedger cost = CostLedger.measure(run.teacher(), run.teacherUsage(), run.studentNanos(), run.notesRead(),
                run.bestData().student(), all, "gpt-4o", PriceTable.bundled());
        Path md = RefinementReport.write(run, cost, dir.resolve("report"));
        String text = Files.readString(md);
        for (String section : List.of("## Result", "## Per symptom, validation split", "## Per symptom, test split", "## Learning curve",
                "## Strategy per round and symptom", "## Proposals and what the held-out notes said", "## Confusion matrices (test split)",
                "## Held-out notes, test split", "### Fixed", "### Still wrong", "## Cost ledger")) {
            assertTrue(text.contains(section), section + " in\n" + text);
        }
        assertTrue(text.contains("| G-4 | nocturia | present G1 | not_mentioned → present G1 |"), text);
        assertTrue(text.contains("| G-5 | diarrhea | present G1 |"), "a note still wrong is listed: " + text);
        assertTrue(text.contains("measured: the best version over all 5 gold notes"), text);
        String html = Files.readString(dir.resolve("report/report.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<img src=\"learning-curve.png\""), html);
        assertTrue(html.contains("&lt;b&gt;hematuria") || !text.contains("<b>hematuria"), "note text is escaped in HTML");
        for (String png : List.of("learning-curve.png", "confusion-test-start.png", "confusion-test-best.png")) {
            var image = ImageIO.read(dir.resolve("report").resolve(png).toFile());
            assertTrue(image.getWidth() >= 700 && image.getHeight() >= 400, png);
        }
    }

    @Test
    void theCostLedgerComputesGpt4oFromTokensAndPricesAndMeasuresTheStudent() {
        List<GoldNote> notes = List.of(new GoldNote("N-1", "Up 3x at night to void. Denies hematuria.", null, java.util.Map.of()));
        PriceTable prices = PriceTable.bundled();
        CostLedger c = CostLedger.measure("offline", org.radtox.refinement.teacher.TeacherUsage.NONE, 0, 0,
                EmbeddedData.bundled().student(), notes, "gpt-4o", prices);
        double expected = (c.gptInputTokens() * 2.50 / 1e6 + c.gptOutputTokens() * 10.00 / 1e6) * 1000;
        assertEquals(expected, c.gptDollarsPer1000(), 1e-12);
        assertTrue(c.gptInputTokens() > 200 && c.gptOutputTokens() > 20, c.toString());
        assertTrue(c.studentMsPerNote() > 0);
        assertEquals(c.studentMsPerNote() * 1000 / 3.6e6 * prices.studentCoreHour(), c.studentDollarsPer1000(), 1e-15);
        assertTrue(c.ratio() > 100, "a CPU millisecond costs far less than GPT-4o's tokens: " + c.ratio());
    }
}
