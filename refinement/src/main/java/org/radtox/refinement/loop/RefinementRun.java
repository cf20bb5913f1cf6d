package org.radtox.refinement.loop;

import java.time.Duration;
import java.util.List;

import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.teacher.TeacherUsage;

/**
 * A whole refinement run: the starting version scored, every round, why it stopped, and the best version
 * by validation macro-F1.
 *
 * @param studentNanos time the students spent reading notes in this run (measured)
 */
public record RefinementRun(String runId, String teacher, long seed, String goldSet, EmbeddedData start, VersionEvaluation baseline,
                            List<RoundResult> rounds, StopReason stop, String stopDetail, Duration wallTime, long studentNanos,
                            long notesRead) {

    public RefinementRun {
        rounds = List.copyOf(rounds);
    }

    public TeacherUsage teacherUsage() {
        return rounds.stream().map(RoundResult::usage).reduce(TeacherUsage.NONE, TeacherUsage::plus);
    }

    /** The evaluation of the best version: the candidate with the highest validation macro-F1, or the start. */
    public VersionEvaluation best() {
        VersionEvaluation best = baseline;
        for (RoundResult r : rounds) {
            if (r.evaluation() != null && r.evaluation().validation().macro().f1().estimate()
                    > best.validation().macro().f1().estimate()) {
                best = r.evaluation();
            }
        }
        return best;
    }

    public EmbeddedData bestData() {
        String id = best().versionId();
        return rounds.stream().filter(r -> r.candidate() != null && r.candidate().version().id().equals(id))
                .map(RoundResult::candidate).findFirst().orElse(start);
    }
}
