package org.radtox.refinement.loop;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.radtox.refinement.candidate.Edit;
import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.teacher.TeacherAnswer.StrategyChoice;
import org.radtox.refinement.teacher.TeacherUsage;

/**
 * One round: the errors studied, the strategy chosen per symptom, each proposal's fate, and the candidate
 * version made of the kept ones ({@code null} when none was kept).
 *
 * @param validationGain validation macro-F1 of the candidate minus that of the round's parent
 */
public record RoundResult(int round, String parentId, int errorsStudied, Map<String, StrategyChoice> strategies,
                          List<ProposalOutcome> outcomes, EmbeddedData candidate, List<Edit> keptEdits,
                          VersionEvaluation evaluation, double validationGain, TeacherUsage usage, Duration teacherTime) {

    public RoundResult {
        strategies = Map.copyOf(strategies);
        outcomes = List.copyOf(outcomes);
        keptEdits = List.copyOf(keptEdits);
    }

    public long kept() {
        return outcomes.stream().filter(o -> o.verdict() == Verdict.KEPT).count();
    }
}
