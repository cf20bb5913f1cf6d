package org.radtox.refinement.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import org.radtox.refinement.GoldFixture;
import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.goldset.GoldFolder;
import org.radtox.refinement.teacher.OfflineTeacher;

/**
 * The target on the bundled gold set, with the embedded student and the offline teacher: validation
 * macro-F1 rises by 0.03 or reaches 0.95, and the untouched test split is no worse. The teacher derives its
 * proposals from train errors only; validation decides; test is only read here, at the end.
 */
class GoldSetRefinementTest {

    @Test
    void theOfflineTeacherLiftsValidationAndTestDoesNotContradictIt() throws Exception {
        GoldFolder gold = GoldFolder.read(GoldFixture.bundled(), EmbeddedData.symptomSet());
        RefinementRun run = RefinementLoop.builder().teacher(OfflineTeacher.create()).gold(gold).maxRounds(5).seed(7).build().run();
        double before = run.baseline().validation().macro().f1().estimate();
        double after = run.best().validation().macro().f1().estimate();
        assertTrue(after - before >= 0.03 || after >= 0.95, "validation macro-F1 " + before + " -> " + after);
        assertTrue(run.best().test().macro().f1().estimate() >= run.baseline().test().macro().f1().estimate(),
                "test macro-F1 " + run.baseline().test().macro().f1().estimate() + " -> " + run.best().test().macro().f1().estimate());
        assertTrue(run.best().test().macro().accuracy().estimate() >= run.baseline().test().macro().accuracy().estimate());
        assertEquals("embedded@2026-11-28.1", run.baseline().versionId());
    }
}
