package org.radtox.server.cli;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.radtox.llm.adapter.FinetuneExport;
import org.radtox.llm.adapter.Modelfile;
import org.radtox.llm.backend.BackendSettings;
import org.radtox.llm.prompt.PromptBuilder;
import org.radtox.llm.prompt.PromptTemplate;
import org.radtox.llm.retrieval.GoldEvidence;
import org.radtox.llm.retrieval.LabeledNote;
import org.radtox.server.students.LabeledGold;
import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.symptoms.SymptomSet;

/** {@code radtox export-finetune}: a gold set as chat-format JSONL for LoRA training, and the Modelfile for the result. */
@Command(name = "export-finetune", mixinStandardHelpOptions = true,
        description = {"Writes a gold set as chat-format JSONL for training a LoRA adapter elsewhere: one line per note, "
                + "{\"messages\": [system, user, assistant]}, the system and user messages exactly as the LLM student sends "
                + "them, the assistant message the gold answer in the student's schema. Gold labels have no quotes: each "
                + "label's words are located in the note by the embedded student, and a note with a label whose words "
                + "cannot be located is left out (listed on stderr), never exported with a made-up quote.",
                "Also writes the Ollama Modelfile that registers the trained adapter on its base model; a student version "
                + "then names the adapter (radtox define-student --adapter NAME). Train on the train split only."},
        footer = {"", "Example:",
                "  radtox export-finetune --gold data/gold/prostate-rt --split train --output train.chat.jsonl \\",
                "      --modelfile Modelfile --base-model zephyr:7b-beta --adapter-path ./radtox-lora.gguf"})
final class ExportFinetuneCommand implements Callable<Integer> {

    @Option(names = {"-g", "--gold"}, required = true, paramLabel = "FILE|DIR",
            description = "A gold JSONL file, or a gold folder (train / validation / test .jsonl).")
    Path gold;

    @Option(names = "--split", defaultValue = "train", paramLabel = "train|validation|test",
            description = "Which split of a gold folder (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The chat-format JSONL to write.")
    Path output;

    @Option(names = "--modelfile", paramLabel = "FILE", description = "Where to write the Modelfile (default: Modelfile beside --output).")
    Path modelfile;

    @Option(names = "--base-model", defaultValue = BackendSettings.ZEPHYR, paramLabel = "NAME",
            description = "The Ollama model the adapter is trained on (default: ${DEFAULT-VALUE}).")
    String baseModel;

    @Option(names = "--adapter-path", defaultValue = "./radtox-lora.gguf", paramLabel = "PATH",
            description = "Where the trained adapter will be, relative to the Modelfile (default: ${DEFAULT-VALUE}).")
    String adapterPath;

    @Option(names = "--adapter-name", defaultValue = "radtox-lora", paramLabel = "NAME",
            description = "The name to register the adapter under with ollama create (default: ${DEFAULT-VALUE}).")
    String adapterName;

    @Override
    public Integer call() throws Exception {
        List<LabeledNote> notes = LabeledGold.read(gold, split);
        SymptomSet symptoms = SymptomSet.prostateRt();
        PromptBuilder prompt = new PromptBuilder(PromptTemplate.bundled(symptoms.id()), symptoms);
        FinetuneExport.Summary summary;
        if (output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            summary = new FinetuneExport(prompt, symptoms, new GoldEvidence(EmbeddedStudent.bundled())).write(notes, out);
        }
        Path mf = modelfile != null ? modelfile : output.toAbsolutePath().resolveSibling("Modelfile");
        Files.writeString(mf, Modelfile.of(baseModel, adapterPath, adapterName, BackendSettings.builder(
                org.radtox.llm.backend.BackendKind.OLLAMA).build().contextTokens(), output.getFileName().toString()),
                StandardCharsets.UTF_8);
        for (String left : summary.leftOut()) {
            System.err.println("radtox export-finetune: left out " + left);
        }
        System.err.println("radtox export-finetune: " + summary.exported() + " of " + notes.size() + " notes written to "
                + output + " (prompt " + prompt.version() + "); Modelfile: " + mf);
        return 0;
    }
}
