package org.radtox.refinement.loop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.radtox.refinement.candidate.CandidateScreen;
import org.radtox.refinement.candidate.CandidateScreen.Effect;
import org.radtox.refinement.candidate.Edit;
import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.candidate.InvalidEditException;
import org.radtox.refinement.evaluation.Evaluation;
import org.radtox.refinement.evaluation.Evaluator;
import org.radtox.refinement.evaluation.NoteResult;
import org.radtox.refinement.goldset.GoldFolder;
import org.radtox.refinement.goldset.GoldSet;
import org.radtox.refinement.goldset.LabelStatus;
import org.radtox.refinement.teacher.ErrorCase;
import org.radtox.refinement.teacher.Proposal;
import org.radtox.refinement.teacher.Strategy;
import org.radtox.refinement.teacher.Teacher;
import org.radtox.refinement.teacher.TeacherAnswer;
import org.radtox.refinement.teacher.TeacherException;
import org.radtox.refinement.teacher.TeacherRequest;
import org.radtox.refinement.teacher.TeacherUsage;
import org.radtox.student.Student;
import org.radtox.student.finding.Finding;

/**
 * The teacher loop for the embedded student. Each round: run the student on the train split, give its
 * errors to the teacher, and check each proposal in turn against the current candidate: it must fix more
 * than it breaks on train (where the teacher found it) and gain on validation (held-out evidence that it is a
 * way of writing, not a quirk of the train notes), or it is dropped. The kept proposals make the
 * round's candidate version. Rounds stop when a round gains less than {@code minGain} validation macro-F1,
 * at the round limit, or before a teacher call that would exceed the budget. The test split is only scored,
 * for the report and the promotion gate; nothing is decided on it.
 */
public final class RefinementLoop {

    private final Teacher teacher;
    private final GoldFolder gold;
    private final EmbeddedData start;
    private final int maxRounds;
    private final double budgetUsd;
    private final double minGain;
    private final long seed;
    private final boolean keepGoing;
    private final Consumer<String> log;
    private final List<String> symptoms = EmbeddedData.symptomSet().keys();
    private long studentNanos;
    private long notesRead;

    private RefinementLoop(Builder b) {
        this.teacher = Objects.requireNonNull(b.teacher, "teacher");
        this.gold = Objects.requireNonNull(b.gold, "gold");
        this.start = b.start == null ? EmbeddedData.bundled() : b.start;
        this.maxRounds = b.maxRounds;
        this.budgetUsd = b.budgetUsd;
        this.minGain = b.minGain;
        this.seed = b.seed;
        this.keepGoing = b.keepGoing;
        this.log = b.log;
    }

    public static Builder builder() {
        return new Builder();
    }

    public RefinementRun run() {
        long t0 = System.nanoTime();
        String runId = "run-" + Long.toHexString(seed) + "-" + start.version().id().substring(EmbeddedData.KIND.length() + 1)
                + "-" + teacher.name().replaceAll("[^A-Za-z0-9.-]", "_");
        EmbeddedData current = start;
        List<NoteResult> train = read(current.student(), gold.train());
        List<NoteResult> validation = read(current.student(), gold.validation());
        VersionEvaluation baseline = evaluate(current, train, validation);
        log.accept(String.format(java.util.Locale.ROOT, "start %s: validation macro-F1 %.3f, train %.3f",
                current.version().id(), baseline.validation().macro().f1().estimate(), baseline.train().macro().f1().estimate()));
        List<RoundResult> rounds = new ArrayList<>();
        double spent = 0;
        StopReason stop = StopReason.ROUND_LIMIT;
        String detail = "reached the limit of " + maxRounds + " round(s)";
        VersionEvaluation parentEvaluation = baseline;
        for (int round = 1; round <= maxRounds; round++) {
            List<ErrorCase> errors = errors(current, train);
            TeacherRequest request = new TeacherRequest(current.version(), current, gold.train(), train, errors, round, seed);
            double estimate = teacher.estimateDollars(request);
            if (spent + estimate > budgetUsd) {
                stop = StopReason.BUDGET;
                detail = String.format(java.util.Locale.ROOT, "round %d would cost up to $%.4f, over the budget of $%.2f ($%.4f spent)",
                        round, estimate, budgetUsd, spent);
                break;
            }
            long tt = System.nanoTime();
            TeacherAnswer answer;
            try {
                answer = teacher.propose(request);
            } catch (TeacherException e) {
                if (round == 1) {
                    throw e;
                }
                stop = StopReason.TEACHER_FAILED;
                detail = e.getMessage();
                break;
            }
            Duration teacherTime = Duration.ofNanos(System.nanoTime() - tt);
            spent += answer.usage().dollars();
            List<ProposalOutcome> outcomes = new ArrayList<>();
            List<Edit> kept = new ArrayList<>();
            EmbeddedData candidate = current;
            for (Proposal p : answer.proposals()) {
                if (p.strategy() != Strategy.PROMPT_REFINEMENT || p.edits().isEmpty()) {
                    outcomes.add(new ProposalOutcome(p, Verdict.NOT_APPLICABLE, p.strategy().label()
                            + " does not apply to the embedded student (no retrieval bank, no learned weights)", null, null));
                    continue;
                }
                EmbeddedData next;
                try {
                    next = candidate.with(p.edits());
                } catch (InvalidEditException e) {
                    outcomes.add(new ProposalOutcome(p, Verdict.INVALID, e.getMessage(), null, null));
                    continue;
                }
                CandidateScreen trainScreen = new CandidateScreen(gold.train(), symptoms, train);
                Effect onTrain = timed(() -> trainScreen.effect(p.edits(), next.student()));
                if (!onTrain.helps()) {
                    outcomes.add(new ProposalOutcome(p, Verdict.NO_GAIN_ON_TRAIN, "train: fixes " + onTrain.fixed() + ", breaks "
                            + onTrain.broken(), onTrain, null));
                    continue;
                }
                CandidateScreen validationScreen = new CandidateScreen(gold.validation(), symptoms, validation);
                Effect onValidation = timed(() -> validationScreen.effect(p.edits(), next.student()));
                if (onValidation.hurts()) {
                    outcomes.add(new ProposalOutcome(p, Verdict.LOSES_ON_VALIDATION, "validation: fixes " + onValidation.fixed()
                            + ", breaks " + onValidation.broken(), onTrain, onValidation));
                    continue;
                }
                if (!(onValidation.gain() > 0)) {
                    outcomes.add(new ProposalOutcome(p, Verdict.NO_GAIN_ON_VALIDATION, "train: fixes " + onTrain.fixed()
                            + ", breaks " + onTrain.broken() + "; validation: no change for the better", onTrain, onValidation));
                    continue;
                }
                outcomes.add(new ProposalOutcome(p, Verdict.KEPT, "train: fixes " + onTrain.fixed() + ", breaks " + onTrain.broken()
                        + "; validation: fixes " + onValidation.fixed() + ", breaks " + onValidation.broken(), onTrain, onValidation));
                kept.addAll(p.edits());
                candidate = next;
                train = trainScreen.accept(onTrain);
                validation = validationScreen.accept(onValidation);
            }
            VersionEvaluation evaluation = null;
            double gain = 0;
            if (!kept.isEmpty()) {
                evaluation = evaluate(candidate, train, validation);
                gain = evaluation.validation().macro().f1().estimate() - parentEvaluation.validation().macro().f1().estimate();
            }
            rounds.add(new RoundResult(round, current.version().id(), errors.size(), answer.strategies(), outcomes,
                    kept.isEmpty() ? null : candidate, kept, evaluation, gain, answer.usage(), teacherTime));
            log.accept(String.format(java.util.Locale.ROOT, "round %d: %d errors, %d proposals, %d kept%s", round, errors.size(),
                    answer.proposals().size(), kept.size(), evaluation == null ? "" : String.format(java.util.Locale.ROOT,
                            " -> %s validation macro-F1 %.3f (%+.3f)", candidate.version().id(),
                            evaluation.validation().macro().f1().estimate(), gain)));
            if (!keepGoing && (kept.isEmpty() || gain < minGain)) {
                stop = StopReason.NO_GAIN;
                detail = kept.isEmpty() ? "round " + round + " kept no proposal"
                        : String.format(java.util.Locale.ROOT, "round %d gained %.4f validation macro-F1, less than %.4f", round, gain, minGain);
                break;
            }
            if (!kept.isEmpty()) {
                current = candidate;
                parentEvaluation = evaluation;
            }
        }
        return new RefinementRun(runId, teacher.name(), seed, gold.name(), start, baseline, rounds, stop, detail,
                Duration.ofNanos(System.nanoTime() - t0), studentNanos, notesRead);
    }

    private List<NoteResult> read(Student student, GoldSet set) {
        return timed(() -> CandidateScreen.predictAll(student, set));
    }

    private <T> T timed(java.util.function.Supplier<T> work) {
        long t = System.nanoTime();
        T out = work.get();
        studentNanos += System.nanoTime() - t;
        if (out instanceof List<?> l) {
            notesRead += l.size();
        } else if (out instanceof Effect e) {
            notesRead += e.notesRead();
        }
        return out;
    }

    private VersionEvaluation evaluate(EmbeddedData data, List<NoteResult> train, List<NoteResult> validation) {
        String id = data.version().id();
        List<NoteResult> test = read(data.student(), gold.test());
        return new VersionEvaluation(id, Evaluator.score(id, gold.train().name(), symptoms, train),
                Evaluator.score(id, gold.validation().name(), symptoms, validation),
                Evaluator.score(id, gold.test().name(), symptoms, test));
    }

    /** Every (note, symptom) the student got wrong on train, with the quote it gave. */
    private List<ErrorCase> errors(EmbeddedData data, List<NoteResult> results) {
        List<ErrorCase> out = new ArrayList<>();
        for (NoteResult r : results) {
            List<String> wrong = symptoms.stream().filter(s -> CandidateScreen.cost(r.gold().label(s), r.predicted(s)) > 0).toList();
            if (wrong.isEmpty()) {
                continue;
            }
            java.util.Map<String, String> evidence = new java.util.HashMap<>();
            if (r.error() == null) {
                for (Finding f : data.student().extract(r.gold().note())) {
                    evidence.put(f.symptom(), f.evidence().text());
                }
            }
            for (String s : wrong) {
                out.add(new ErrorCase(r.gold(), s, r.gold().label(s), r.predicted(s),
                        r.predicted(s).status() == LabelStatus.NOT_MENTIONED ? null : evidence.get(s)));
            }
        }
        return out;
    }

    /** How a run is set up; every limit is checked here, before anything runs. */
    public static final class Builder {
        private Teacher teacher;
        private GoldFolder gold;
        private EmbeddedData start;
        private int maxRounds = 5;
        private double budgetUsd = 10;
        private double minGain = 0.001;
        private long seed = 1;
        private boolean keepGoing;
        private Consumer<String> log = m -> { };

        public Builder teacher(Teacher teacher) {
            this.teacher = teacher;
            return this;
        }

        public Builder gold(GoldFolder gold) {
            this.gold = gold;
            return this;
        }

        public Builder start(EmbeddedData start) {
            this.start = start;
            return this;
        }

        public Builder maxRounds(int maxRounds) {
            if (maxRounds < 1) {
                throw new IllegalArgumentException("--max-rounds must be at least 1, not " + maxRounds);
            }
            this.maxRounds = maxRounds;
            return this;
        }

        /** The most the teacher may cost, in US dollars; must be more than zero (a run with no budget cannot ask anything). */
        public Builder budgetUsd(double budgetUsd) {
            if (!(budgetUsd > 0) || Double.isInfinite(budgetUsd)) {
                throw new IllegalArgumentException("--budget-usd must be more than 0 (a run with a budget of " + budgetUsd
                        + " could not ask its teacher anything)");
            }
            this.budgetUsd = budgetUsd;
            return this;
        }

        public Builder minGain(double minGain) {
            if (minGain < 0) {
                throw new IllegalArgumentException("the minimum gain per round must be 0 or more, not " + minGain);
            }
            this.minGain = minGain;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Run every round up to the limit even when one gains nothing (benchmarks; teachers whose answers vary by round). */
        public Builder keepGoing(boolean keepGoing) {
            this.keepGoing = keepGoing;
            return this;
        }

        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log);
            return this;
        }

        public RefinementLoop build() {
            return new RefinementLoop(this);
        }
    }
}
