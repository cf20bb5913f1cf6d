package org.radtox.server.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.radtox.llm.backend.BackendKind;
import org.radtox.llm.backend.BackendSettings;
import org.radtox.llm.prompt.PromptTemplate;
import org.radtox.llm.version.StudentDefinitions;
import org.radtox.llm.version.StudentManifests;
import org.radtox.server.config.ServerSettings;
import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.version.StudentVersion;

/** The student the server's workers run is the one its settings name (serve --student). */
class ServedStudentTest {

    @TempDir
    Path dir;

    ServerSettings settings(String student) {
        return new ServerSettings("127.0.0.1", 0, dir.resolve("data"), null, null, null, 2, 120, false, null, student,
                dir.resolve("students"));
    }

    @Test
    void theEmbeddedStudentByDefault() throws Exception {
        assertEquals(EmbeddedStudent.bundled().version(), new ExtractionConfig().student(settings("embedded")).version());
    }

    @Test
    void aDefinedLlmStudentByName_itsCallsRecordedBesideTheData() throws Exception {
        StudentVersion v = new StudentDefinitions(new StudentManifests(dir.resolve("students"))).defineLlm(
                BackendSettings.builder(BackendKind.OLLAMA).build(), "prostate-rt", PromptTemplate.bundled("prostate-rt"), null, 0,
                EmbeddedStudent.bundled().version());
        Files.createDirectories(dir.resolve("data"));

        assertEquals(v.id(), new ExtractionConfig().student(settings(v.id())).version());
        assertTrue(Files.exists(dir.resolve("data/llm-calls.jsonl")));
    }

    @Test
    void anUnknownVersionStopsTheServerFromStartingWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExtractionConfig().student(settings("ollama@000000000000")));
        assertTrue(e.getMessage().contains("unknown student version"), e.getMessage());
    }
}
