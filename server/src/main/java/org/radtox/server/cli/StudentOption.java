package org.radtox.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Option;

import org.radtox.llm.backend.BackendKind;
import org.radtox.llm.backend.BackendSettings;
import org.radtox.llm.prompt.PromptTemplate;
import org.radtox.llm.usage.CallLedger;
import org.radtox.llm.version.LlmStudentSpec;
import org.radtox.server.students.StudentResolver;
import org.radtox.student.Student;
import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.symptoms.SymptomSet;

/** {@code --student VERSION} (or an LLM student given by its backend), shared by the commands that run a student. */
final class StudentOption {

    @Option(names = "--student", paramLabel = "VERSION",
            description = "Student version: embedded (the default), or one defined in --students-dir (radtox define-student).")
    String version;

    @Option(names = "--students-dir", paramLabel = "DIR", defaultValue = "students",
            description = "Folder of student version manifests and their prompts and example banks (default: ${DEFAULT-VALUE}).")
    Path studentsDir;

    @Option(names = "--backend", paramLabel = "ollama|openai",
            description = "Run an LLM student straight away, with the bundled prompt and no retrieval, instead of --student.")
    String backend;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Model server for --backend (default: http://localhost:11434 for ollama, http://localhost:8000/v1 for openai).")
    String baseUrl;

    @Option(names = "--model", paramLabel = "NAME", description = "Model for --backend (default for ollama: zephyr:7b-beta).")
    String model;

    @Option(names = "--api-key-env", paramLabel = "VAR", description = "Environment variable holding the API key for --backend.")
    String apiKeyEnv;

    @Option(names = "--call-ledger", paramLabel = "FILE",
            description = "Append every model call (tokens, latency, outcome) to this JSONL file.")
    Path callLedger;

    Student resolve() {
        CallLedger ledger;
        try {
            ledger = callLedger == null ? CallLedger.inMemory() : CallLedger.appendingTo(callLedger);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the call ledger " + callLedger + ": " + e.getMessage());
        }
        StudentResolver.Setup setup = new StudentResolver.Setup(studentsDir == null ? Path.of("students") : studentsDir,
                List.of(), System.getenv(), null, ledger, w -> System.err.println("radtox: " + w));
        if (backend == null) {
            if (baseUrl != null || model != null || apiKeyEnv != null) {
                throw new IllegalArgumentException("--base-url, --model and --api-key-env go with --backend");
            }
            return StudentResolver.resolve(version, setup);
        }
        if (version != null) {
            throw new IllegalArgumentException("give --student or --backend, not both");
        }
        BackendSettings settings = BackendSettings.builder(BackendKind.ofCode(backend)).baseUrl(baseUrl).model(model)
                .apiKeyEnv(apiKeyEnv).build();
        String symptoms = SymptomSet.DEFAULT_ID;
        return StudentResolver.build(new LlmStudentSpec(settings, symptoms, PromptTemplate.bundled(symptoms).version(), null, 0,
                EmbeddedStudent.bundled().version()).toVersion(), setup);
    }
}
