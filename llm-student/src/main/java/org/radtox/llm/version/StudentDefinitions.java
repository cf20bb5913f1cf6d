package org.radtox.llm.version;

import java.io.IOException;

import org.radtox.llm.backend.BackendSettings;
import org.radtox.llm.prompt.PromptTemplate;
import org.radtox.llm.retrieval.Embedder;
import org.radtox.llm.retrieval.ExampleBank;
import org.radtox.llm.retrieval.FileExampleIndex;
import org.radtox.student.version.StudentVersion;

/**
 * Defines LLM student versions in a manifests folder: stores the components (a prompt that is not the
 * bundled one, the example bank and its in-process index) and then the manifest. What the command line's
 * {@code define-student} does, and what refinement's registry can call for each candidate it proposes.
 */
public final class StudentDefinitions {

    private final StudentManifests manifests;

    public StudentDefinitions(StudentManifests manifests) {
        this.manifests = manifests;
    }

    /**
     * @param bank     the few-shot bank, or null for a student without retrieval
     * @param fallback the student notes go to when the server cannot answer (an {@code embedded@...} version), or null
     */
    public StudentVersion defineLlm(BackendSettings backend, String symptomSet, PromptTemplate prompt, ExampleBank bank,
                                    int k, String fallback) throws IOException {
        if (!prompt.version().equals(PromptTemplate.bundled(symptomSet).version())) {
            prompt.store(manifests.prompts());
        }
        if (bank != null) {
            bank.write(manifests.indexes().resolve(bank.version() + ".jsonl"));
            if (!java.nio.file.Files.isRegularFile(FileExampleIndex.file(manifests.indexes(), bank.version()))) {
                FileExampleIndex.build(bank, Embedder.named(bank.embeddingModel()), manifests.indexes());
            }
        }
        StudentVersion v = new LlmStudentSpec(backend, symptomSet, prompt.version(), bank == null ? null : bank.version(), k,
                fallback).toVersion();
        manifests.write(v);
        return v;
    }

    public StudentVersion defineEnsemble(EnsembleSpec spec) throws IOException {
        if (manifests.find(spec.llm()).isEmpty()) {
            throw new IllegalArgumentException("no manifest for LLM student " + spec.llm() + " in " + manifests.dir());
        }
        StudentVersion v = spec.toVersion();
        manifests.write(v);
        return v;
    }
}
