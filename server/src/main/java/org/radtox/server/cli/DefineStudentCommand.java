package org.radtox.server.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.radtox.llm.backend.BackendKind;
import org.radtox.llm.backend.BackendSettings;
import org.radtox.llm.ensemble.EnsembleMode;
import org.radtox.llm.prompt.PromptTemplate;
import org.radtox.llm.retrieval.Embedder;
import org.radtox.llm.retrieval.ExampleBank;
import org.radtox.llm.retrieval.GoldEvidence;
import org.radtox.llm.retrieval.GoldSnippets;
import org.radtox.llm.version.EnsembleSpec;
import org.radtox.llm.version.StudentDefinitions;
import org.radtox.llm.version.StudentManifests;
import org.radtox.server.students.LabeledGold;
import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.symptoms.SymptomSet;
import org.radtox.student.version.StudentVersion;

/** {@code radtox define-student}: an LLM student version (or an ensemble) in the students folder; prints its id. */
@Command(name = "define-student", mixinStandardHelpOptions = true,
        description = {"Defines an LLM student version: backend, model and adapter, the bundled prompt, optionally a "
                + "retrieval index of gold snippets for the prompt's few-shot slots, and the embedded student as fallback. "
                + "Writes its manifest (and the example bank) to --students-dir and prints the version id, which "
                + "extract, evaluate and serve take with --student. The id is a digest of the parts: the same definition "
                + "gives the same id.",
                "Notes are sent only to a model server on this machine or a private address, or one declared --on-site."},
        footer = {"", "Examples:", "  radtox define-student --backend ollama --model zephyr:7b-beta --rag-gold data/gold/prostate-rt",
                "  radtox define-student --backend openai --base-url http://10.0.0.5:8000/v1 --model phi3-mini --api-key-env VLLM_KEY",
                "  radtox define-student --ensemble defer --llm ollama@0123456789ab"})
final class DefineStudentCommand implements Callable<Integer> {

    @Option(names = "--students-dir", defaultValue = "students", paramLabel = "DIR",
            description = "Folder of student version manifests (default: ${DEFAULT-VALUE}).")
    Path studentsDir;

    @Option(names = "--backend", paramLabel = "ollama|openai", description = "The model server's protocol (default: ollama).")
    String backend;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Model server (default: http://localhost:11434 for ollama, http://localhost:8000/v1 for openai).")
    String baseUrl;

    @Option(names = "--model", paramLabel = "NAME", description = "Model (default for ollama: zephyr:7b-beta; phi3:mini-128k also fits).")
    String model;

    @Option(names = "--adapter", paramLabel = "NAME",
            description = "A fine-tuned adapter: an Ollama model made with a Modelfile ADAPTER line, or a LoRA module name on an "
                    + "OpenAI-compatible server (radtox export-finetune).")
    String adapter;

    @Option(names = "--api-key-env", paramLabel = "VAR", description = "Environment variable that holds the API key (never the key).")
    String apiKeyEnv;

    @Option(names = "--on-site", description = "Declare that a model server with a host name runs inside the site (notes are PHI).")
    boolean onSite;

    @Option(names = "--timeout-seconds", defaultValue = "120", paramLabel = "S", description = "Per-call timeout (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--context-tokens", defaultValue = "8192", paramLabel = "N",
            description = "The model's context window; longer notes are read in parts (default: ${DEFAULT-VALUE}).")
    int contextTokens;

    @Option(names = "--rag-gold", paramLabel = "DIR|FILE", description = "Build a retrieval index of labeled snippets from this gold set.")
    Path ragGold;

    @Option(names = "--rag-split", defaultValue = "train", paramLabel = "SPLIT",
            description = "The split of --rag-gold to take snippets from (default: ${DEFAULT-VALUE}; never test).")
    String ragSplit;

    @Option(names = "--rag-k", defaultValue = "4", paramLabel = "K", description = "Examples per note part (default: ${DEFAULT-VALUE}).")
    int ragK;

    @Option(names = "--rag-embedder", defaultValue = Embedder.DEFAULT, paramLabel = "NAME",
            description = "The embedding model of the retrieval index: " + Embedder.LEXICAL + " (hashed words, default) or "
                    + Embedder.MINILM + " (MiniLM, slower per note; README, \"LLM student\").")
    String ragEmbedder;

    @Option(names = "--no-fallback", description = "Fail a note when the server is down instead of reading it with the embedded student.")
    boolean noFallback;

    @Option(names = "--ensemble", paramLabel = "defer|vote",
            description = "Define an ensemble of the embedded student and the --llm student instead (off by default: unmeasured here).")
    String ensemble;

    @Option(names = "--llm", paramLabel = "VERSION", description = "The LLM student version of an --ensemble.")
    String llm;

    @Override
    public Integer call() throws Exception {
        StudentDefinitions definitions = new StudentDefinitions(new StudentManifests(studentsDir));
        String embedded = EmbeddedStudent.bundled().version();
        StudentVersion v;
        if (ensemble != null) {
            if (llm == null) {
                throw new IllegalArgumentException("--ensemble needs --llm VERSION");
            }
            v = definitions.defineEnsemble(new EnsembleSpec(EnsembleMode.ofCode(ensemble), llm, embedded));
        } else {
            BackendSettings settings = BackendSettings.builder(BackendKind.ofCode(backend == null ? "ollama" : backend))
                    .baseUrl(baseUrl).model(model).adapter(adapter).apiKeyEnv(apiKeyEnv).declaredOnSite(onSite)
                    .timeout(Duration.ofSeconds(timeoutSeconds)).contextTokens(contextTokens).build();
            org.radtox.llm.backend.SitePolicy.requireOnSite(settings.baseUrl(), settings.declaredOnSite());
            SymptomSet symptoms = SymptomSet.prostateRt();
            ExampleBank bank = null;
            if (ragGold != null) {
                if (ragSplit.equalsIgnoreCase("test")) {
                    throw new IllegalArgumentException("--rag-split test: the held-out split never goes into a student");
                }
                GoldSnippets.Built built = new GoldSnippets(symptoms, new GoldEvidence(EmbeddedStudent.bundled()))
                        .build(LabeledGold.read(ragGold, ragSplit), Embedder.named(ragEmbedder));
                bank = built.bank();
                System.err.println("radtox define-student: example bank " + bank.version() + ": " + bank.size() + " snippets ("
                        + built.unlocated() + " of " + built.labels() + " labels had no locatable words and were left out)");
            }
            v = definitions.defineLlm(settings, symptoms.id(), PromptTemplate.bundled(symptoms.id()), bank, ragK,
                    noFallback ? null : embedded);
        }
        System.err.println("radtox define-student: manifest " + studentsDir.resolve(v.id() + ".json"));
        System.out.println(v.id());
        return 0;
    }
}
