package org.radtox.refinement.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.radtox.refinement.candidate.CandidateScreen;
import org.radtox.refinement.evaluation.Evaluation;
import org.radtox.refinement.evaluation.Evaluator;
import org.radtox.refinement.evaluation.Interval;
import org.radtox.refinement.evaluation.NoteResult;
import org.radtox.refinement.evaluation.SymptomIntervals;
import org.radtox.refinement.evaluation.SymptomScore;
import org.radtox.refinement.goldset.Label;
import org.radtox.refinement.goldset.LabelStatus;
import org.radtox.refinement.cost.CostLedger;
import org.radtox.refinement.loop.ProposalOutcome;
import org.radtox.refinement.loop.RefinementRun;
import org.radtox.refinement.loop.RoundResult;
import org.radtox.refinement.loop.Verdict;
import org.radtox.refinement.loop.VersionEvaluation;
import org.radtox.refinement.teacher.TeacherAnswer.StrategyChoice;
import org.radtox.student.Student;
import org.radtox.student.finding.Finding;

/**
 * The report of one refinement run, in Markdown and HTML with its images: the figures before and after with
 * intervals, the strategy per round and symptom, every proposal and its fate, the learning curve, confusion
 * matrices, the held-out notes fixed and those still wrong (with the student's evidence), and the cost ledger.
 */
public final class RefinementReport {

    private RefinementReport() {
    }

    /** Writes {@code report.md}, {@code report.html} and the PNG images into {@code dir}; returns the Markdown file. */
    public static Path write(RefinementRun run, CostLedger cost, Path dir) throws IOException {
        Files.createDirectories(dir);
        VersionEvaluation base = run.baseline();
        VersionEvaluation best = run.best();
        List<String> symptoms = base.validation().symptoms();
        ReportDocument d = new ReportDocument();
        d.heading(1, "Refinement run " + run.runId());
        d.bullets(List.of(
                "teacher: `" + run.teacher() + "`, seed " + run.seed() + ", gold set `" + run.goldSet() + "` (train "
                        + base.train().notes().size() + ", validation " + base.validation().notes().size() + ", test "
                        + base.test().notes().size() + " notes)",
                "start: `" + base.versionId() + "`; best by validation macro-F1: `" + best.versionId() + "`",
                "rounds: " + run.rounds().size() + "; stopped: " + run.stop().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " ("
                        + run.stopDetail() + ")",
                String.format(Locale.ROOT, "wall time %.1f s on %d cores", run.wallTime().toMillis() / 1000.0,
                        Runtime.getRuntime().availableProcessors()),
                "the teacher saw only the train split; validation decided which proposals were kept; the test split was only scored"));

        d.heading(2, "Result");
        List<List<String>> rows = new ArrayList<>();
        for (String split : List.of("train", "validation", "test")) {
            Evaluation b = pick(base, split);
            Evaluation a = pick(best, split);
            rows.add(List.of(split, interval(b.macro().accuracy()), interval(a.macro().accuracy()), interval(b.macro().f1()),
                    interval(a.macro().f1()), signed(a.macro().f1().estimate() - b.macro().f1().estimate()),
                    interval(b.macro().gradeMatch()), interval(a.macro().gradeMatch())));
        }
        d.table(List.of("split", "accuracy before", "accuracy after", "macro-F1 before", "macro-F1 after", "F1 change",
                "grade before", "grade after"), rows);
        d.paragraph("Macro over the twelve symptoms; 95% bootstrap intervals over notes (" + Evaluator.BOOTSTRAP_SAMPLES
                + " resamples). Accuracy is 3-class (present / absent / not mentioned); F1 is for present; grade is exact CTCAE "
                + "grade agreement on true positives.");

        for (String split : List.of("validation", "test")) {
            d.heading(2, "Per symptom, " + split + " split, before → after");
            Evaluation b = pick(base, split);
            Evaluation a = pick(best, split);
            Map<String, SymptomIntervals> bi = Evaluator.symptomIntervals(symptoms, b.notes());
            Map<String, SymptomIntervals> ai = Evaluator.symptomIntervals(symptoms, a.notes());
            List<List<String>> srows = new ArrayList<>();
            for (String s : symptoms) {
                SymptomScore x = b.bySymptom().get(s);
                SymptomScore y = a.bySymptom().get(s);
                srows.add(List.of(s, interval(bi.get(s).accuracy()) + " → " + interval(ai.get(s).accuracy()),
                        f(x.precision()) + " → " + f(y.precision()), f(x.recall()) + " → " + f(y.recall()),
                        interval(bi.get(s).f1()) + " → " + interval(ai.get(s).f1()),
                        interval(bi.get(s).gradeMatch()) + " → " + interval(ai.get(s).gradeMatch())));
            }
            d.table(List.of("symptom", "accuracy", "P", "R", "F1", "grade"), srows);
        }

        d.heading(2, "Learning curve");
        Map<String, List<Double>> curve = new LinkedHashMap<>();
        for (String split : List.of("train", "validation", "test")) {
            List<Double> values = new ArrayList<>();
            values.add(pick(base, split).macro().f1().estimate());
            VersionEvaluation last = base;
            for (RoundResult r : run.rounds()) {
                if (r.evaluation() != null) {
                    last = r.evaluation();
                }
                values.add(pick(last, split).macro().f1().estimate());
            }
            curve.put(split, values);
        }
        Charts.learningCurve(curve, dir.resolve("learning-curve.png"));
        d.image("learning-curve.png", "macro-F1 by round on train, validation and test");
        List<List<String>> rounds = new ArrayList<>();
        for (RoundResult r : run.rounds()) {
            Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
            r.outcomes().forEach(o -> verdicts.merge(o.verdict(), 1, Integer::sum));
            rounds.add(List.of(Integer.toString(r.round()), "`" + r.parentId() + "`", Integer.toString(r.errorsStudied()),
                    Integer.toString(r.outcomes().size()), verdicts.toString().toLowerCase(Locale.ROOT).replace('_', ' '),
                    r.candidate() == null ? "none" : "`" + r.candidate().version().id() + "`",
                    r.evaluation() == null ? "–" : f(r.evaluation().validation().macro().f1().estimate()) + " (" + signed(r.validationGain()) + ")",
                    r.evaluation() == null ? "–" : f(r.evaluation().test().macro().f1().estimate())));
        }
        d.table(List.of("round", "parent", "train errors", "proposals", "verdicts", "candidate", "validation macro-F1", "test macro-F1"), rounds);

        d.heading(2, "Strategy per round and symptom");
        d.paragraph("The teacher picks the strategy per symptom from the error pattern. The embedded student has no retrieval bank "
                + "and no learned weights: for it, retrieval and fine-tuning do not apply, and every symptom's errors are answered "
                + "by refining its data (lexicon phrases, assertion triggers, grade cues); the reason says what the pattern "
                + "alone would have called for. For an LLM student the same choice selects retrieval examples or an exported "
                + "training set for an adapter trained elsewhere.");
        List<List<String>> strategies = new ArrayList<>();
        for (RoundResult r : run.rounds()) {
            for (var e : new java.util.TreeMap<>(r.strategies()).entrySet()) {
                StrategyChoice c = e.getValue();
                strategies.add(List.of(Integer.toString(r.round()), e.getKey(), c.strategy().label(), c.reason()));
            }
        }
        d.table(List.of("round", "symptom", "strategy", "error pattern"), strategies);

        d.heading(2, "Proposals and what the held-out notes said");
        for (RoundResult r : run.rounds()) {
            d.heading(3, "Round " + r.round());
            List<List<String>> props = new ArrayList<>();
            for (ProposalOutcome o : r.outcomes()) {
                props.add(List.of(o.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '), o.proposal().symptom(),
                        o.proposal().strategy().label(), "`" + o.proposal().describe() + "`", o.reason(), o.proposal().rationale()));
            }
            if (props.isEmpty()) {
                d.paragraph("The teacher proposed nothing.");
            } else {
                d.table(List.of("verdict", "symptom", "strategy", "proposal", "checked", "teacher's rationale"), props);
            }
        }

        d.heading(2, "Confusion matrices (test split)");
        Charts.confusion("Test split, " + base.versionId() + " (start)", base.test().bySymptom(), dir.resolve("confusion-test-start.png"));
        Charts.confusion("Test split, " + best.versionId() + " (best)", best.test().bySymptom(), dir.resolve("confusion-test-best.png"));
        d.image("confusion-test-start.png", "confusion matrices of the starting version on the test split");
        d.image("confusion-test-best.png", "confusion matrices of the best version on the test split");

        Student bestStudent = run.bestData().student();
        for (String split : List.of("validation", "test")) {
            d.heading(2, "Held-out notes, " + split + " split");
            List<List<String>> fixed = new ArrayList<>();
            List<List<String>> broken = new ArrayList<>();
            List<List<String>> wrong = new ArrayList<>();
            List<NoteResult> before = pick(base, split).notes();
            List<NoteResult> after = pick(best, split).notes();
            for (int i = 0; i < after.size(); i++) {
                NoteResult b = before.get(i);
                NoteResult a = after.get(i);
                Map<String, Finding> evidence = null;
                for (String s : symptoms) {
                    Label gold = a.gold().label(s);
                    double was = CandidateScreen.cost(gold, b.predicted(s));
                    double is = CandidateScreen.cost(gold, a.predicted(s));
                    if (was == 0 && is == 0) {
                        continue;
                    }
                    if (evidence == null) {
                        evidence = findings(bestStudent, a);
                    }
                    Finding f = evidence.get(s);
                    List<String> row = List.of(a.gold().id(), s, label(gold), label(b.predicted(s)) + " → " + label(a.predicted(s)),
                            f == null ? "(no finding)" : "\"" + f.evidence().text() + "\"");
                    (is == 0 ? fixed : was == 0 ? broken : wrong).add(row);
                }
            }
            List<String> header = List.of("note", "symptom", "gold", "before → after", "evidence (best version)");
            d.paragraph("Fixed: " + fixed.size() + "; newly wrong: " + broken.size() + "; still wrong: " + wrong.size() + ".");
            if (!fixed.isEmpty()) {
                d.heading(3, "Fixed");
                d.table(header, fixed);
            }
            if (!broken.isEmpty()) {
                d.heading(3, "Newly wrong");
                d.table(header, broken);
            }
            d.heading(3, "Still wrong");
            d.table(header, wrong);
        }

        d.heading(2, "Cost ledger");
        d.table(List.of("item", "figure", "how obtained"), List.of(
                List.of("teacher", "`" + cost.teacher() + "`", ""),
                List.of("teacher tokens (input / output)", cost.teacherUsage().inputTokens() + " / " + cost.teacherUsage().outputTokens(),
                        "measured: as the model server reported them (the offline teacher calls no model)"),
                List.of("teacher dollars", String.format(Locale.ROOT, "$%.4f", cost.teacherUsage().dollars()),
                        "computed: reported tokens × the price table"),
                List.of("student compute in this run", String.format(Locale.ROOT, "%.1f s for %d note readings",
                        cost.runStudentNanos() / 1e9, cost.runNotesRead()), "measured"),
                List.of("student time per note", String.format(Locale.ROOT, "%.2f ms", cost.studentMsPerNote()),
                        "measured: the best version over all " + cost.notes() + " gold notes, one thread, after a warm-up"),
                List.of("student, per 1,000 notes", String.format(Locale.ROOT, "$%.6f", cost.studentDollarsPer1000()),
                        String.format(Locale.ROOT, "computed: measured time × $%.3f per core-hour (price table)", cost.prices().studentCoreHour())),
                List.of(cost.gptModel() + " on the same notes, tokens", cost.gptInputTokens() + " in / " + cost.gptOutputTokens() + " out",
                        "computed: counted with the model's tokenizer (prompt + note in; the student's answer for the note out)"),
                List.of(cost.gptModel() + ", per 1,000 notes", String.format(Locale.ROOT, "$%.4f", cost.gptDollarsPer1000()),
                        "computed: tokens × list prices of " + cost.prices().asOf()),
                List.of(cost.gptModel() + " / student", String.format(Locale.ROOT, "%.0f×", cost.ratio()), "computed")));
        d.paragraph("The published study compared its students with GPT-4o at 45× and 79× lower cost, measured on GPU inference of "
                + "7B and 3.8B models. The embedded student runs on a CPU core in milliseconds, so its ratio is far larger; the "
                + "figure depends on the price table (`--prices FILE`), which is configuration, not a measurement.");

        Path md = dir.resolve("report.md");
        Files.writeString(md, d.markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), d.html("Refinement run " + run.runId()), StandardCharsets.UTF_8);
        return md;
    }

    private static Map<String, Finding> findings(Student student, NoteResult r) {
        Map<String, Finding> out = new LinkedHashMap<>();
        if (r.error() == null) {
            student.extract(r.gold().note()).forEach(f -> out.put(f.symptom(), f));
        }
        return out;
    }

    private static Evaluation pick(VersionEvaluation v, String split) {
        return switch (split) {
            case "train" -> v.train();
            case "validation" -> v.validation();
            default -> v.test();
        };
    }

    private static String label(Label l) {
        return l.status() == LabelStatus.PRESENT ? "present G" + (l.grade() == null ? "?" : l.grade()) : l.status().code();
    }

    private static String interval(Interval i) {
        return f(i.estimate()) + (Double.isNaN(i.low()) ? "" : " [" + f(i.low()) + ", " + f(i.high()) + "]");
    }

    private static String f(Double v) {
        return v == null || v.isNaN() ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.3f", v);
    }

}
