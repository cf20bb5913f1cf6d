package org.radtox.refinement.loop;

import java.time.Duration;
import java.util.List;

import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.goldset.GoldFolder;
import org.radtox.refinement.registry.EvaluationSummary;
import org.radtox.refinement.registry.Lineage;
import org.radtox.refinement.registry.RegisteredVersion;
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

    /**
     * The versions this run made, ready for the registry: the starting version (so later promotions have
     * something to compare with) and each round's candidate, with lineage and validation and test evaluations.
     */
    public List<RegisteredVersion> registrations(GoldFolder gold) {
        String validationDigest = gold.validation().digest();
        String testDigest = gold.test().digest();
        java.time.Instant now = java.time.Instant.now();
        List<RegisteredVersion> out = new java.util.ArrayList<>();
        out.add(new RegisteredVersion(start.version(), Lineage.release(), List.of(), start, EvaluationSummary.of(baseline.validation(), validationDigest),
                EvaluationSummary.of(baseline.test(), testDigest), now));
        for (RoundResult r : rounds) {
            if (r.candidate() == null) {
                continue;
            }
            String strategies = String.join(", ", r.outcomes().stream().filter(o -> o.verdict() == Verdict.KEPT)
                    .map(o -> o.proposal().strategy().label()).distinct().toList());
            out.add(new RegisteredVersion(r.candidate().version(), new Lineage(r.parentId(), r.round(), strategies, teacher, runId),
                    r.keptEdits(), r.candidate(), EvaluationSummary.of(r.evaluation().validation(), validationDigest),
                    EvaluationSummary.of(r.evaluation().test(), testDigest), now.plusMillis(r.round())));
        }
        return out;
    }

    public EmbeddedData bestData() {
        String id = best().versionId();
        return rounds.stream().filter(r -> r.candidate() != null && r.candidate().version().id().equals(id))
                .map(RoundResult::candidate).findFirst().orElse(start);
    }
}
