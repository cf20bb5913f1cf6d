package org.radtox.refinement.candidate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.radtox.student.assertion.ContextRules.Category;

class EditJsonTest {

    @Test
    void everyKindOfEditReadsBackAsItWasWritten() {
        List<Edit> edits = List.of(new Edit.LexiconPhrase("nocturia", Edit.LexiconRole.ABSENT_MENTION, "sleeps through"),
                new Edit.ContextTrigger(Category.OTHER_PERSON, Edit.Side.BEFORE, "his brother"),
                new Edit.PseudoTrigger("no change"), new Edit.GradeCuePhrase("diarrhea", 3, "admitted for dehydration"));
        String json = EditJson.text(edits);
        assertTrue(json.contains("\"role\":\"absent-mention\"") && json.contains("\"category\":\"other-person\""), json);
        assertEquals(edits, EditJson.read(json));
    }

    @Test
    void anEditInTheWrongShapeIsNamed() {
        assertTrue(assertThrows(InvalidEditException.class, () -> EditJson.read("{\"type\":\"pseudo\"}")).getMessage()
                .contains("must be a JSON array"));
        assertTrue(assertThrows(InvalidEditException.class, () -> EditJson.read("[{\"type\":\"lexicon\",\"symptom\":\"nocturia\","
                + "\"role\":\"synonym\",\"phrase\":\"x\"}]")).getMessage().contains("'synonym' is not one of [mention, absent-mention, exclusion]"));
        assertTrue(assertThrows(InvalidEditException.class, () -> EditJson.read("[{\"type\":\"grade-cue\",\"symptom\":\"nocturia\","
                + "\"grade\":\"two\",\"phrase\":\"x\"}]")).getMessage().contains("whole-number 'grade'"));
        assertTrue(assertThrows(InvalidEditException.class, () -> EditJson.read("[{\"type\":\"code\",\"phrase\":\"x\"}]"))
                .getMessage().contains("unknown type 'code'"));
        assertTrue(assertThrows(InvalidEditException.class, () -> EditJson.read("[{\"type\":\"pseudo\"}]"))
                .getMessage().contains("missing 'phrase'"));
    }
}
