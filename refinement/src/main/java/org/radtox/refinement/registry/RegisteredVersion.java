package org.radtox.refinement.registry;

import java.time.Instant;
import java.util.List;

import org.radtox.refinement.candidate.Edit;
import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.student.version.StudentVersion;

/**
 * One version in the registry: what it is (its content-addressed {@link StudentVersion}), where it came
 * from, the edits that made it from its parent, the data to build it, and its evaluations.
 *
 * @param data       the embedded student's data; {@code null} for another kind (an LLM student's parts name
 *                   its prompt, retrieval bank and adapter by digest, built by its own module)
 * @param validation {@code null} when it was never evaluated
 * @param test       {@code null} when no test-split report exists (then it cannot be promoted)
 */
public record RegisteredVersion(StudentVersion version, Lineage lineage, List<Edit> edits, EmbeddedData data,
                                EvaluationSummary validation, EvaluationSummary test, Instant createdAt) {

    public RegisteredVersion {
        edits = List.copyOf(edits);
    }

    public String id() {
        return version.id();
    }
}
