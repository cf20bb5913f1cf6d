package org.radtox.llm.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.radtox.student.symptoms.SymptomSet;

/** A prompt version is the digest of what the prompt is made of. */
class PromptTemplateTest {

    @Test
    void theSamePromptHasTheSameVersion_aRewrittenGuidanceANewOne() {
        PromptTemplate bundled = PromptTemplate.bundled("prostate-rt");
        assertEquals(bundled.version(), PromptTemplate.bundled("prostate-rt").version());
        assertTrue(bundled.version().matches("prompt@[0-9a-f]{12}"), bundled.version());
        PromptTemplate rewritten = bundled.withGuidance("diarrhea", "Count stools over baseline.");
        assertNotEquals(bundled.version(), rewritten.version());
        assertEquals(bundled.version(), rewritten.withGuidance("diarrhea", bundled.guidance().get("diarrhea")).version());
    }

    @Test
    void aStoredPromptLoadsBackByVersion_anEditedFileIsRefused(@TempDir Path dir) throws Exception {
        PromptTemplate rewritten = PromptTemplate.bundled("prostate-rt").withGuidance("nocturia", "Waking to void.");
        Path file = rewritten.store(dir);
        assertEquals(rewritten, PromptTemplate.load(rewritten.version(), "prostate-rt", dir));

        Files.writeString(file, Files.readString(file).replace("Waking to void.", "Waking."));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PromptTemplate.load(rewritten.version(), "prostate-rt", dir));
        assertTrue(e.getMessage().contains("edited after it was stored"), e.getMessage());
    }

    @Test
    void theSystemMessageHoldsEveryTermsGradesAndTheGuidance() {
        PromptBuilder b = new PromptBuilder(PromptTemplate.bundled("prostate-rt"), SymptomSet.prostateRt());
        String system = b.system();
        for (String key : SymptomSet.prostateRt().keys()) {
            assertTrue(system.contains("- " + key + ": "), key);
        }
        assertTrue(system.contains("Diarrhea; A disorder characterized by"), "CTCAE definitions");
        assertTrue(system.contains("Increase of >=7 stools per day over baseline"), "CTCAE grade criteria");
        assertTrue(system.contains("Loperamide alone does not raise the grade"), "per-symptom guidance");
        assertTrue(!system.contains("{{"), "no placeholder left");
    }
}
