package org.radtox.llm.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;

import org.junit.jupiter.api.Test;

class AnswerParserTest {

    final AnswerParser parser = new AnswerParser();

    List<ProposedFinding> usable(String answer) {
        return assertInstanceOf(AnswerParser.Usable.class, parser.parse(answer)).findings();
    }

    String unusable(String answer) {
        return assertInstanceOf(AnswerParser.Unusable.class, parser.parse(answer)).reason();
    }

    @Test
    void anAnswerInTheSchemaGivesItsFindings() {
        assertEquals(List.of(new ProposedFinding("nocturia", "present", 1, "up 3x")),
                usable("{\"findings\":[{\"symptom\":\"nocturia\",\"status\":\"present\",\"grade\":1,\"evidence\":\"up 3x\"}]}"));
    }

    @Test
    void aCodeFenceAroundTheJsonIsTolerated() {
        assertEquals(1, usable("```json\n{\"findings\":[{\"symptom\":\"dysuria\",\"status\":\"absent\",\"grade\":0,"
                + "\"evidence\":\"no burning\"}]}\n```").size());
    }

    @Test
    void notMentionedItemsSayNothingAndAreSkipped_aQuotedGradeIsRead() {
        assertEquals(List.of(new ProposedFinding("diarrhea", "present", 2, "5 stools")), usable("{\"findings\":["
                + "{\"symptom\":\"hematuria\",\"status\":\"not mentioned\",\"grade\":null,\"evidence\":\"\"},"
                + "{\"symptom\":\"diarrhea\",\"status\":\"Present\",\"grade\":\"2\",\"evidence\":\"5 stools\"}]}"));
    }

    @Test
    void eachWayOfMissingTheSchemaHasItsReason() {
        assertEquals("the answer is empty", unusable(" "));
        assertEquals("the answer is not a JSON object", unusable("[]"));
        assertEquals("the answer has no \"findings\" array", unusable("{\"findings\": {}}"));
        assertEquals("findings[0] is not an object", unusable("{\"findings\": [\"nocturia\"]}"));
        assertEquals("findings[0] has status \"maybe\", not \"present\" or \"absent\"",
                unusable("{\"findings\":[{\"symptom\":\"x\",\"status\":\"maybe\",\"grade\":1,\"evidence\":\"e\"}]}"));
        assertEquals("findings[0] has no \"evidence\" quote",
                unusable("{\"findings\":[{\"symptom\":\"x\",\"status\":\"present\",\"grade\":1}]}"));
        assertEquals("findings[0] has grade \"two\", not an integer or null",
                unusable("{\"findings\":[{\"symptom\":\"x\",\"status\":\"present\",\"grade\":\"two\",\"evidence\":\"e\"}]}"));
        assertEquals(true, unusable("Here you go: {\"findings\": []}").startsWith("the answer is not JSON"));
    }
}
