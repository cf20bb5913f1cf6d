package org.radtox.refinement.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.radtox.refinement.candidate.CandidateScreen;
import org.radtox.refinement.candidate.Edit;
import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.cost.PriceTable;
import org.radtox.refinement.deid.PhiGuard;
import org.radtox.refinement.deid.PhiRefusedException;
import org.radtox.refinement.goldset.GoldNote;
import org.radtox.refinement.goldset.GoldSet;
import org.radtox.refinement.goldset.Label;
import org.radtox.refinement.goldset.LabelStatus;

/** The GPT-4o teacher against a scripted OpenAI-compatible server on a real port. */
class OpenAiTeacherTest {

    private static final String ANSWER = """
            {"strategies": [{"symptom": "nocturia", "strategy": "prompt_refinement", "reason": "one missed phrasing"}],
             "proposals": [{"symptom": "nocturia", "strategy": "prompt_refinement", "rationale": "bathroom trips at night",
                            "edits": [{"type": "lexicon", "symptom": "nocturia", "role": "mention", "phrase": "bathroom trips most nights"}],
                            "guidance": null, "examples": []},
                           {"symptom": "nocturia", "strategy": "retrieval", "rationale": "an example",
                            "edits": [], "examples": [{"note_id": "G-1", "rationale": "lay phrasing"}]}]}""";

    private ScriptedOpenAiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedOpenAiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiTeacher teacher(String baseUrl) {
        return OpenAiTeacher.builder().baseUrl(baseUrl).modelName("gpt-4o").apiKey("test-key").prices(PriceTable.bundled())
                .phiGuard(PhiGuard.create(null)).maxRetries(0).timeout(Duration.ofSeconds(10)).build();
    }

    private static TeacherRequest request(String noteText) {
        GoldNote note = new GoldNote("G-1", noteText, null, Map.of("nocturia", new Label(LabelStatus.PRESENT, 1)));
        GoldSet train = new GoldSet("train", List.of(note));
        EmbeddedData data = EmbeddedData.bundled();
        var results = CandidateScreen.predictAll(data.student(), train);
        return new TeacherRequest(data.version(), data, train, results, List.of(new ErrorCase(note, "nocturia",
                note.label("nocturia"), Label.NOT_MENTIONED, null)), 1, 7);
    }

    @Test
    void aStructuredAnswerBecomesProposalsWithMeasuredTokensAndTheirPrice() {
        server.answer(ANSWER, 1200, 300);
        TeacherAnswer a = teacher(server.baseUrl()).propose(request("Pt reports bathroom trips most nights."));
        assertEquals(Strategy.PROMPT_REFINEMENT, a.strategies().get("nocturia").strategy());
        assertEquals(List.of(new Edit.LexiconPhrase("nocturia", Edit.LexiconRole.MENTION, "bathroom trips most nights")),
                a.proposals().get(0).edits());
        assertEquals(List.of(new RetrievalExample("G-1", "nocturia", "lay phrasing")), a.proposals().get(1).examples());
        assertEquals(new TeacherUsage(1200, 300, 1200 * 2.50 / 1e6 + 300 * 10.00 / 1e6), a.usage());
    }

    @Test
    void theRequestCarriesTheVersionedPromptTheNoteAndAJsonSchema() throws Exception {
        server.answer(ANSWER, 10, 10);
        teacher(server.baseUrl()).propose(request("Pt reports bathroom trips most nights."));
        JsonNode body = new ObjectMapper().readTree(server.requests().get(0));
        assertEquals("gpt-4o", body.path("model").asText());
        assertEquals("json_schema", body.path("response_format").path("type").asText(), body.toString());
        assertEquals("teacher_answer", body.path("response_format").path("json_schema").path("name").asText());
        String user = body.path("messages").get(1).path("content").asText();
        assertTrue(user.contains("### note G-1\nPt reports bathroom trips most nights.") && user.contains("nocturia: gold present grade 1"), user);
        assertTrue(body.path("messages").get(0).path("content").asText().startsWith("You are the teacher"));
    }

    @Test
    void aNoteWithPhiNeverLeavesAndTheSpansAreListed() {
        server.answer(ANSWER, 10, 10);
        var e = assertThrows(PhiRefusedException.class,
                () -> teacher(server.baseUrl()).propose(request("Mr. Kowalski (MRN 00482913) seen 03/14/2024, up 3x at night.")));
        assertEquals(3, e.spans().size(), e.getMessage());
        assertTrue(e.getMessage().contains("\"Mr. Kowalski\""), e.getMessage());
        assertEquals(List.of(), server.requests(), "nothing was sent");
    }

    @Test
    void anAnswerInTheWrongShapeIsRefusedWhole() {
        server.answer("{\"proposals\": \"add some phrases\"}", 10, 10);
        var e = assertThrows(TeacherException.class, () -> teacher(server.baseUrl()).propose(request("Up at night a lot.")));
        assertTrue(e.getMessage().startsWith("teacher answer in the wrong shape: expected an object with arrays"), e.getMessage());
        server.answer(ANSWER.replace("\"role\": \"mention\"", "\"role\": \"synonym\""), 10, 10);
        e = assertThrows(TeacherException.class, () -> teacher(server.baseUrl()).propose(request("Up at night a lot.")));
        assertTrue(e.getMessage().contains("'synonym' is not one of"), e.getMessage());
        server.answer("Sure! Here are my thoughts.", 10, 10);
        e = assertThrows(TeacherException.class, () -> teacher(server.baseUrl()).propose(request("Up at night a lot.")));
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
        server.answer(ANSWER.replace("\"note_id\": \"G-1\"", "\"note_id\": \"G-4050\""), 10, 10);
        e = assertThrows(TeacherException.class, () -> teacher(server.baseUrl()).propose(request("Up at night a lot.")));
        assertTrue(e.getMessage().contains("picks note G-4050, which is not a train note"), e.getMessage());
    }

    @Test
    void anUnreachableTeacherSaysSo() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        var e = assertThrows(TeacherException.class,
                () -> teacher("http://127.0.0.1:" + closed + "/v1").propose(request("Up at night a lot.")));
        assertTrue(e.getMessage().startsWith("teacher unreachable at http://127.0.0.1:" + closed), e.getMessage());
    }

    @Test
    void anHttpErrorIsReportedWithItsStatus() {
        var e = assertThrows(TeacherException.class, () -> teacher(server.baseUrl()).propose(request("Up at night a lot.")));
        assertTrue(e.getMessage().contains("answered HTTP 500"), e.getMessage());
    }

    @Test
    void theEstimateCountsThePromptWithTheModelsTokenizerAndTheMostItMayWrite() {
        OpenAiTeacher t = teacher(server.baseUrl());
        double estimate = t.estimateDollars(request("Up at night a lot."));
        double leastOutput = 4000 * 10.00 / 1e6;
        // The prompt (instructions, the student's phrases, the note) is some thousands of tokens at $2.50 per million.
        double prompt = estimate - leastOutput;
        assertTrue(prompt > 1000 * 2.50 / 1e6 && prompt < 20000 * 2.50 / 1e6, "prompt part of the estimate " + prompt);
        assertFalse(server.requests().size() > 0, "estimating calls nothing");
    }
}
