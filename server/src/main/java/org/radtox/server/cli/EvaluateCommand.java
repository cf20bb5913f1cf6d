package org.radtox.server.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.radtox.refinement.evaluation.Evaluation;
import org.radtox.refinement.evaluation.EvaluationReport;
import org.radtox.refinement.evaluation.Evaluator;
import org.radtox.refinement.goldset.GoldSet;
import org.radtox.student.Student;
import org.radtox.student.embedded.EmbeddedStudent;

/** {@code radtox evaluate}: scores a student against a gold file or one split of a gold folder. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Scores a student against a gold set: per symptom 3-class accuracy, precision / recall / F1 for "
                + "present, grade exact-match on true positives, confusion counts, and macro averages with 95%% "
                + "bootstrap intervals. The table goes to stdout; --report also writes Markdown (.md) or JSON (.json)."},
        footer = {"", "Examples:", "  radtox evaluate --gold data/gold/prostate-rt --split validation",
                "  radtox evaluate --gold my-gold.jsonl --report report.json"})
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = {"-g", "--gold"}, required = true, paramLabel = "FILE|DIR",
            description = "A gold JSONL file, or a gold folder (train / validation / test .jsonl).")
    Path gold;

    @Option(names = "--split", defaultValue = "test", paramLabel = "train|validation|test",
            description = "Which split of a gold folder (default: ${DEFAULT-VALUE}, the held-out split).")
    String split;

    @Mixin
    StudentOption student;

    @Option(names = "--report", paramLabel = "FILE.md|FILE.json", description = "Also write the report to this file.")
    Path report;

    @Mixin
    ProgressOption progress;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(gold)) {
            throw new IllegalArgumentException("gold set not found: " + gold);
        }
        if (report != null && !(report.toString().endsWith(".md") || report.toString().endsWith(".json"))) {
            throw new IllegalArgumentException("--report must end in .md or .json, not " + report);
        }
        GoldSet.Split which;
        try {
            which = GoldSet.Split.valueOf(split.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--split must be train, validation or test, not " + split);
        }
        Student s = student.resolve();
        var keys = s instanceof EmbeddedStudent e ? e.symptomSet().keys()
                : org.radtox.student.symptoms.SymptomSet.prostateRt().keys();
        GoldSet set = GoldSet.read(gold, which, keys);
        Evaluation evaluation;
        try (Progress bar = new Progress(System.err, progress.enabled(), "notes", set.size())) {
            evaluation = new Evaluator(s, keys).evaluate(set, bar::advanceTo);
        }
        String markdown = EvaluationReport.markdown(evaluation);
        System.out.print(markdown);
        System.out.flush();
        if (report != null) {
            String body = report.toString().endsWith(".json") ? EvaluationReport.json(evaluation) : markdown;
            Files.writeString(report, body, StandardCharsets.UTF_8);
            System.err.println("report written to " + report);
        }
        return 0;
    }
}
