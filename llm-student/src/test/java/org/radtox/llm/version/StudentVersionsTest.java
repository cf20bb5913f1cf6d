package org.radtox.llm.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radtox.llm.backend.Answers.findings;
import static org.radtox.llm.backend.Answers.present;
import static org.radtox.llm.backend.ScriptedModelServer.answer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.radtox.llm.backend.BackendKind;
import org.radtox.llm.backend.BackendSettings;
import org.radtox.llm.backend.ScriptedModelServer;
import org.radtox.llm.prompt.PromptTemplate;
import org.radtox.llm.retrieval.Embedder;
import org.radtox.llm.retrieval.ExampleBank;
import org.radtox.llm.retrieval.GoldExample;
import org.radtox.llm.usage.CallLedger;
import org.radtox.student.Student;
import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.finding.Finding;
import org.radtox.student.finding.Status;
import org.radtox.student.note.Note;
import org.radtox.student.version.StudentVersion;

/** An LLM student version: defined once in a manifests folder, then run by name. */
class StudentVersionsTest {

    @TempDir
    Path dir;
    ScriptedModelServer server;
    StudentManifests manifests;
    final String embedded = EmbeddedStudent.bundled().version();

    static final ExampleBank BANK = new ExampleBank(List.of(
            new GoldExample("G-1/nocturia", "Up 4-5x every night to urinate, started tamsulosin.", "nocturia", Status.PRESENT, 2,
                    "CTCAE grade 2: medication started for it"),
            new GoldExample("G-2/diarrhea", "Three loose stools a day, baseline one.", "diarrhea", Status.PRESENT, 1, "fewer than 4 over baseline"),
            new GoldExample("G-3/hematuria", "Denies blood in the urine.", "hematuria", Status.ABSENT, 0, "stated absent now")),
            Embedder.MINILM);

    @BeforeEach
    void start() throws Exception {
        server = ScriptedModelServer.start();
        manifests = new StudentManifests(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    BackendSettings ollama() {
        return BackendSettings.builder(BackendKind.OLLAMA).baseUrl(server.ollamaUrl()).build();
    }

    StudentVersion define(PromptTemplate prompt) throws Exception {
        return new StudentDefinitions(manifests).defineLlm(ollama(), "prostate-rt", prompt, BANK, 2, embedded);
    }

    Student run(String id) {
        StudentVersion v = manifests.find(id).orElseThrow();
        return VersionedStudents.build(v, new VersionedStudents.Context(manifests, Map.of(), null, CallLedger.inMemory(), w -> { }))
                .orElseThrow();
    }

    @Test
    void aVersionIsNamedByWhatItIsMadeOf() throws Exception {
        StudentVersion v = define(PromptTemplate.bundled("prostate-rt"));

        assertTrue(v.id().matches("ollama@[0-9a-f]{12}"), v.id());
        assertEquals(v, define(PromptTemplate.bundled("prostate-rt")), "the same parts, the same version");
        assertEquals("zephyr:7b-beta", v.parts().get("model"));
        assertEquals(BANK.version(), v.parts().get("rag-index"));
        assertEquals(embedded, v.parts().get("fallback"), "the fallback names the embedded lexicon's version");
        assertEquals(PromptTemplate.bundled("prostate-rt").version(), v.parts().get("prompt"));
        StudentVersion rewritten = define(PromptTemplate.bundled("prostate-rt").withGuidance("nocturia", "Waking to void."));
        assertNotEquals(v.id(), rewritten.id(), "a rewritten prompt is a new version");
        assertTrue(Files.isRegularFile(manifests.prompts().resolve(rewritten.parts().get("prompt") + ".json")));
        assertEquals(List.of(v.id(), rewritten.id()).stream().sorted().toList(),
                manifests.list().stream().map(StudentVersion::id).toList());
    }

    @Test
    void aManifestEditedByHandIsRefused() throws Exception {
        StudentVersion v = define(PromptTemplate.bundled("prostate-rt"));
        Path file = dir.resolve(v.id() + ".json");
        Files.writeString(file, Files.readString(file).replace("zephyr:7b-beta", "phi3:mini-128k"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> manifests.find(v.id()));
        assertTrue(e.getMessage().contains("does not match its id"), e.getMessage());
    }

    @Test
    void aVersionRunsByName_withItsPromptAndTheRetrievedExamplesInTheFewShotSlots() throws Exception {
        StudentVersion v = define(PromptTemplate.bundled("prostate-rt").withGuidance("nocturia", "Waking at night to void."));
        Note note = new Note("N-7", "Week 4. Wakes 4 times a night to urinate; tamsulosin started today.");
        server.then(answer(findings(present("nocturia", 2, "Wakes 4 times a night to urinate; tamsulosin started today."))));

        Student s = run(v.id());
        List<Finding> found = s.extract(note);

        assertEquals(v.id(), s.version());
        assertEquals(List.of("nocturia"), found.stream().map(Finding::symptom).toList());
        ScriptedModelServer.Request r = server.chats().get(0);
        assertTrue(r.lastMessage("system").contains("- nocturia: Waking at night to void."), "the version's own prompt");
        String user = r.lastMessage("user");
        assertTrue(user.contains("\"Up 4-5x every night to urinate, started tamsulosin.\" -> nocturia: present, grade 2"), user);
        assertEquals(2, user.lines().filter(l -> l.startsWith("- \"")).count(), "k = 2 examples");
    }

    @Test
    void aVersionWhoseBankNamesMiniLmKeepsSearchingWithMiniLm_andALexicalOneWithTheLexicalModel() throws Exception {
        ExampleBank lexicalBank = new ExampleBank(BANK.examples(), Embedder.LEXICAL);
        StudentVersion miniLmVersion = define(PromptTemplate.bundled("prostate-rt"));
        StudentVersion lexicalVersion = new StudentDefinitions(manifests).defineLlm(ollama(), "prostate-rt",
                PromptTemplate.bundled("prostate-rt"), lexicalBank, 2, embedded);
        assertNotEquals(BANK.version(), lexicalBank.version(), "the embedding model is part of the index version");
        assertNotEquals(miniLmVersion.id(), lexicalVersion.id());

        VersionedStudents.Retrieval miniLm = VersionedStudents.retrieval(BANK.version(), context());
        VersionedStudents.Retrieval lexical = VersionedStudents.retrieval(lexicalBank.version(), context());

        assertEquals(Embedder.MINILM, miniLm.embedder().name());
        assertEquals(Embedder.LEXICAL, lexical.embedder().name());
        // Each index answers a query embedded by its own model as it was built: MiniLM's vectors stay MiniLM's.
        String query = "Wakes 4 times a night to urinate.";
        assertEquals("G-1/nocturia", miniLm.index().nearest(Embedder.miniLm().embed(query), 1).get(0).id());
        assertEquals("G-1/nocturia", lexical.index().nearest(Embedder.lexical().embed(query), 1).get(0).id());
        assertEquals(Embedder.miniLm().dimension(), Embedder.lexical().dimension());
    }

    @Test
    void anIndexFileWithoutItsBankIsFromBeforeBanksNamedTheirModel_andIsSearchedWithMiniLm() throws Exception {
        define(PromptTemplate.bundled("prostate-rt"));
        Files.delete(manifests.indexes().resolve(BANK.version() + ".jsonl"));

        VersionedStudents.Retrieval r = VersionedStudents.retrieval(BANK.version(), context());

        assertEquals(Embedder.MINILM, r.embedder().name());
        assertEquals("G-3/hematuria", r.index().nearest(Embedder.miniLm().embed("No blood in the urine."), 1).get(0).id());
    }

    @Test
    void aBankThatNamesAnUnknownModelIsAClearError() throws Exception {
        ExampleBank unknown = new ExampleBank(BANK.examples(), "bge-small-en-v1.5-q");
        unknown.write(manifests.indexes().resolve(unknown.version() + ".jsonl"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VersionedStudents.retrieval(unknown.version(), context()));
        assertTrue(e.getMessage().contains("unknown embedding model 'bge-small-en-v1.5-q'"), e.getMessage());
    }

    VersionedStudents.Context context() {
        return new VersionedStudents.Context(manifests, Map.of(), null, CallLedger.inMemory(), w -> { });
    }

    @Test
    void anEnsembleVersionNamesItsLlmStudentAndRunsIt() throws Exception {
        StudentVersion llm = define(PromptTemplate.bundled("prostate-rt"));
        StudentVersion ensemble = new StudentDefinitions(manifests).defineEnsemble(
                new EnsembleSpec(org.radtox.llm.ensemble.EnsembleMode.DEFER, llm.id(), embedded));
        assertTrue(ensemble.id().startsWith("ensemble@"));
        assertEquals(ensemble.id(), run(ensemble.id()).version());
        assertThrows(IllegalArgumentException.class, () -> new StudentDefinitions(manifests).defineEnsemble(
                new EnsembleSpec(org.radtox.llm.ensemble.EnsembleMode.DEFER, "ollama@000000000000", embedded)));
    }
}
