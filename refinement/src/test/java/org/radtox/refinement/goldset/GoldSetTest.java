package org.radtox.refinement.goldset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldSetTest {

    private static final List<String> KEYS = List.of("nocturia", "hematuria");

    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        Path f = dir.resolve("gold.jsonl");
        Files.write(f, List.of(lines));
        return f;
    }

    private static String line(String id, String nocturia) {
        return "{\"id\": \"" + id + "\", \"text\": \"up at night\", \"labels\": {\"nocturia\": " + nocturia
                + ", \"hematuria\": {\"status\": \"not_mentioned\", \"grade\": null}}}";
    }

    @Test
    void readsLabelsOfEveryKey() throws IOException {
        GoldSet set = GoldSet.readFile(file(line("G-1", "{\"status\": \"present\", \"grade\": 1}")), KEYS);
        assertEquals(new Label(LabelStatus.PRESENT, 1), set.notes().get(0).label("nocturia"));
        assertEquals(Label.NOT_MENTIONED, set.notes().get(0).label("hematuria"));
    }

    @Test
    void aFolderIsReadBySplit() throws IOException {
        Files.write(dir.resolve("validation.jsonl"), List.of(line("G-2", "{\"status\": \"absent\", \"grade\": 0}")));
        assertEquals("validation", GoldSet.read(dir, GoldSet.Split.VALIDATION, KEYS).name());
        var e = assertThrows(GoldSetFormatException.class, () -> GoldSet.read(dir, GoldSet.Split.TEST, KEYS));
        assertTrue(e.getMessage().contains("has no test.jsonl"), e.getMessage());
    }

    @Test
    void aMissingKeyIsAnErrorWithLineAndId() throws IOException {
        Path f = file("{\"id\": \"G-3\", \"text\": \"x\", \"labels\": {\"nocturia\": {\"status\": \"absent\", \"grade\": 0}}}");
        var e = assertThrows(GoldSetFormatException.class, () -> GoldSet.readFile(f, KEYS));
        assertTrue(e.getMessage().contains(":1 (G-3): no label for hematuria"), e.getMessage());
    }

    @Test
    void aGradeThatContradictsTheStatusIsAnError() throws IOException {
        Path f = file(line("G-4", "{\"status\": \"absent\", \"grade\": 2}"));
        var e = assertThrows(GoldSetFormatException.class, () -> GoldSet.readFile(f, KEYS));
        assertTrue(e.getMessage().contains("an absent label has grade 0"), e.getMessage());
    }

    @Test
    void duplicateIdsAndNonJsonAreErrors() throws IOException {
        Path dup = file(line("G-5", "{\"status\": \"absent\", \"grade\": 0}"), line("G-5", "{\"status\": \"absent\", \"grade\": 0}"));
        assertTrue(assertThrows(GoldSetFormatException.class, () -> GoldSet.readFile(dup, KEYS)).getMessage()
                .contains("duplicate id G-5 (first on line 1)"));
        Path bad = file("{not json");
        assertTrue(assertThrows(GoldSetFormatException.class, () -> GoldSet.readFile(bad, KEYS)).getMessage()
                .contains("not JSON"));
    }
}
