package org.radtox.refinement.goldset;

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

/** The bad gold sets refinement refuses before running anything, each with the file and line at fault. */
class GoldFolderTest {

    @TempDir
    Path dir;

    private static final String GOOD = GoldFixture.note("G-1", "Up 3x at night.", "nocturia=present/1");

    private String refusal(List<String> train, List<String> validation, List<String> test) throws Exception {
        Path gold = GoldFixture.folder(dir.resolve("gold"), train, validation, test);
        return assertThrows(GoldSetFormatException.class, () -> GoldFolder.read(gold, EmbeddedData.symptomSet())).getMessage();
    }

    @Test
    void theBundledGoldSetReadsWithItsAttestation() throws Exception {
        GoldFolder gold = GoldFolder.read(GoldFixture.bundled(), EmbeddedData.symptomSet());
        assertEquals(335, gold.size());
        assertEquals(2031, gold.attestation().syntheticYears().from());
        assertEquals(2033, gold.attestation().syntheticYears().to());
    }

    @Test
    void aMissingSymptomKeyIsRefused() throws Exception {
        String line = GOOD.replace("\"diarrhea\":{\"status\":\"not_mentioned\",\"grade\":null}", "").replace(",}}", "}}");
        String m = refusal(List.of(line), List.of(GoldFixture.note("G-2", "x")), List.of(GoldFixture.note("G-3", "x")));
        assertTrue(m.contains("train.jsonl:1 (G-1): no label for diarrhea"), m);
    }

    @Test
    void aStatusOutsideTheGuideIsRefused() throws Exception {
        String m = refusal(List.of(GOOD.replace("\"present\"", "\"possible\"")), List.of(GoldFixture.note("G-2", "x")),
                List.of(GoldFixture.note("G-3", "x")));
        assertTrue(m.contains("train.jsonl:1 (G-1) nocturia: status must be present, absent or not_mentioned, not 'possible'"), m);
    }

    @Test
    void aGradeCtcaeDoesNotDefineIsRefused() throws Exception {
        String m = refusal(List.of(GOOD), List.of(GoldFixture.note("G-2", "Burning with urination.", "dysuria=present/3")),
                List.of(GoldFixture.note("G-3", "x")));
        assertTrue(m.contains("validation.jsonl:1 (G-2) dysuria: grade 3 is not a CTCAE v5.0 grade of 'Dysuria' (it defines [1])"), m);
    }

    @Test
    void aDuplicateIdInOneSplitIsRefused() throws Exception {
        String m = refusal(List.of(GOOD, GOOD), List.of(GoldFixture.note("G-2", "x")), List.of(GoldFixture.note("G-3", "x")));
        assertTrue(m.contains("train.jsonl:2: duplicate id G-1 (first on line 1)"), m);
    }

    @Test
    void splitsThatShareANoteAreRefused() throws Exception {
        String m = refusal(List.of(GOOD), List.of(GoldFixture.note("G-2", "x")), List.of(GoldFixture.note("G-1", "again")));
        assertTrue(m.contains("splits overlap: G-1 is in both train.jsonl and test.jsonl"), m);
    }

    @Test
    void aFolderWithoutAnAttestationIsRefused() throws Exception {
        Path gold = GoldFixture.folder(dir.resolve("gold"), List.of(GOOD), List.of(GoldFixture.note("G-2", "x")),
                List.of(GoldFixture.note("G-3", "x")));
        Files.delete(gold.resolve("ATTESTATION.md"));
        String m = assertThrows(GoldSetFormatException.class, () -> GoldFolder.read(gold, EmbeddedData.symptomSet())).getMessage();
        assertTrue(m.contains("has no ATTESTATION.md"), m);
    }
}
