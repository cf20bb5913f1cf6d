package org.radtox.llm.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.radtox.llm.guard.AnswerGuard;
import org.radtox.llm.guard.AnswerParser;
import org.radtox.llm.guard.InstructionScreen;
import org.radtox.llm.prompt.PromptBuilder;
import org.radtox.llm.prompt.PromptTemplate;
import org.radtox.llm.retrieval.GoldEvidence;
import org.radtox.llm.retrieval.GoldFiles;
import org.radtox.llm.retrieval.LabeledNote;
import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.symptoms.SymptomSet;

/** The training file teaches exactly the answers the student's own guards accept, for the prompt it sends. */
class FinetuneExportTest {

    @Test
    void everyExportedAnswerPassesTheStudentsGuardsAndMatchesGold() throws Exception {
        SymptomSet symptoms = SymptomSet.prostateRt();
        PromptBuilder prompt = new PromptBuilder(PromptTemplate.bundled("prostate-rt"), symptoms);
        List<LabeledNote> gold = GoldFiles.read("train").subList(0, 30);
        StringWriter out = new StringWriter();

        FinetuneExport.Summary summary = new FinetuneExport(prompt, symptoms, new GoldEvidence(EmbeddedStudent.bundled()))
                .write(gold, out);

        List<String> lines = out.toString().lines().toList();
        assertEquals(summary.exported(), lines.size());
        assertEquals(30, summary.exported() + summary.leftOut().size());
        assertTrue(summary.exported() >= 20, "exported " + summary.exported() + ", left out " + summary.leftOut());
        ObjectMapper json = new ObjectMapper();
        AnswerGuard guard = new AnswerGuard(symptoms, InstructionScreen.bundled());
        for (String line : lines) {
            JsonNode messages = json.readTree(line).get("messages");
            assertEquals(List.of("system", "user", "assistant"),
                    List.of(messages.get(0).path("role").asText(), messages.get(1).path("role").asText(),
                            messages.get(2).path("role").asText()));
            assertEquals(prompt.system(), messages.get(0).path("content").asText());
            String user = messages.get(1).path("content").asText();
            LabeledNote note = gold.stream().filter(n -> user.contains(n.note().text())).findFirst().orElseThrow();
            var parsed = assertInstanceOf(AnswerParser.Usable.class, new AnswerParser().parse(messages.get(2).path("content").asText()));
            AnswerGuard.Checked checked = guard.check(note.note().text(), 0, note.note().text(), parsed.findings());
            assertEquals(List.of(), checked.rejected(), note.note().id());
            assertEquals(note.labels().size(), checked.kept().size(), note.note().id());
            checked.kept().forEach(f -> assertEquals(note.labels().get(f.symptom()).status(), f.status()));
        }
    }

    @Test
    void theModelfileRegistersTheAdapterOnItsBaseModel() {
        String m = Modelfile.of("zephyr:7b-beta", "./radtox-lora.gguf", "radtox-zephyr-lora", 8192, "train.chat.jsonl");
        assertTrue(m.contains("\nFROM zephyr:7b-beta\n"));
        assertTrue(m.contains("\nADAPTER ./radtox-lora.gguf\n"));
        assertTrue(m.contains("ollama create radtox-zephyr-lora -f Modelfile"));
        assertTrue(m.contains("PARAMETER temperature 0"));
    }
}
