package org.radtox.refinement.teacher;

import java.util.List;
import java.util.Map;

/**
 * A teacher's answer to one round's errors.
 *
 * @param strategies the strategy chosen per symptom, with the error pattern that decided it
 * @param proposals  the changes proposed, in the teacher's order of preference
 */
public record TeacherAnswer(Map<String, StrategyChoice> strategies, List<Proposal> proposals, TeacherUsage usage) {

    /** Why a symptom gets the strategy it gets. */
    public record StrategyChoice(Strategy strategy, String reason) {
    }

    public TeacherAnswer {
        strategies = Map.copyOf(strategies);
        proposals = List.copyOf(proposals);
    }
}
