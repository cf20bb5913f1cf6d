package org.radtox.refinement.teacher;

import java.util.List;
import java.util.Objects;

import org.radtox.refinement.candidate.Edit;

/**
 * One change a teacher proposes for one symptom, by one strategy. The loop checks each proposal on its own
 * (train, then validation) and keeps only those that help.
 *
 * @param edits     prompt refinement of the embedded student: data edits (never code)
 * @param guidance  prompt refinement of an LLM student: the rewritten per-symptom guidance
 * @param examples  retrieval: gold notes for the bank, with rationales
 * @param rationale why, in the teacher's words (shown in the report)
 */
public record Proposal(String symptom, Strategy strategy, List<Edit> edits, String guidance, List<RetrievalExample> examples,
                       String rationale) {

    public Proposal {
        Objects.requireNonNull(strategy, "strategy");
        edits = List.copyOf(edits);
        examples = List.copyOf(examples);
        rationale = rationale == null ? "" : rationale;
    }

    public static Proposal edits(String symptom, List<Edit> edits, String rationale) {
        return new Proposal(symptom, Strategy.PROMPT_REFINEMENT, edits, null, List.of(), rationale);
    }

    public String describe() {
        if (!edits.isEmpty()) {
            return String.join("; ", edits.stream().map(Edit::describe).toList());
        }
        if (!examples.isEmpty()) {
            return examples.size() + " retrieval example(s): "
                    + String.join(", ", examples.stream().map(RetrievalExample::noteId).toList());
        }
        return guidance != null ? "guidance: " + guidance : strategy.label();
    }
}
