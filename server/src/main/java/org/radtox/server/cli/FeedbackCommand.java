package org.radtox.server.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.feedback.FeedbackReview;
import org.radtox.refinement.goldset.GoldSet;

/** {@code radtox feedback import|accept}: clinician feedback as candidate labels, and the reviewer's step into a gold set. */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        description = {"Clinician feedback from CDS cards as candidate gold labels. 'import' turns the CDS service's export into a "
                + "review file; a reviewer completes the labels and sets each line's review.decision to accept or reject; 'accept' "
                + "appends the accepted lines to one split of a gold folder. Nothing enters a gold set any other way."},
        subcommands = {FeedbackCommand.Import.class, FeedbackCommand.Accept.class},
        footer = {"", "Examples:", "  radtox feedback import --input cds-feedback.jsonl --review review.jsonl",
                "  radtox feedback accept --review review.jsonl --gold data/gold/prostate-rt --split train --reviewer \"QA nurse 2\""})
final class FeedbackCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Reads gold-set lines flagged \"source\": \"clinician-feedback\" (labels may cover only some symptoms) and "
                    + "writes them to a review file with review.decision = pending. Other lines are skipped; broken ones are listed."},
            footer = {"", "Example:", "  radtox feedback import --input cds-feedback.jsonl --review review.jsonl"})
    static final class Import implements Callable<Integer> {
        @Option(names = "--input", required = true, paramLabel = "FILE", description = "The CDS service's feedback export (JSONL).")
        Path input;

        @Option(names = "--review", required = true, paramLabel = "FILE", description = "The review file to write.")
        Path review;

        @Override
        public Integer call() throws Exception {
            FeedbackReview.Outcome o = FeedbackReview.importFeedback(input, review, EmbeddedData.symptomSet());
            o.problems().forEach(p -> System.err.println("radtox: " + p));
            System.err.printf(Locale.ROOT, "feedback: %d candidate(s) written to %s for review, %d line(s) not clinician feedback, %d "
                    + "broken%n", o.used(), review, o.skipped(), o.problems().size());
            return o.problems().isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "accept", mixinStandardHelpOptions = true,
            description = {"Appends the review file's lines whose review.decision is accept to a split of a gold folder, each "
                    + "checked as a gold line (all symptom keys, statuses, CTCAE grades, an id new to every split). If any "
                    + "accepted line fails, nothing is written."},
            footer = {"", "Example:", "  radtox feedback accept --review review.jsonl --gold data/gold/prostate-rt --split train "
                    + "--reviewer \"QA nurse 2\""})
    static final class Accept implements Callable<Integer> {
        @Option(names = "--review", required = true, paramLabel = "FILE", description = "A review file from 'import'.")
        Path review;

        @Option(names = "--gold", required = true, paramLabel = "DIR", description = "The gold folder.")
        Path gold;

        @Option(names = "--split", defaultValue = "train", paramLabel = "train|validation|test",
                description = "Which split receives the lines (default: ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--reviewer", required = true, paramLabel = "NAME", description = "Who reviewed them (kept on each line).")
        String reviewer;

        @Override
        public Integer call() throws Exception {
            GoldSet.Split which;
            try {
                which = GoldSet.Split.valueOf(split.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--split must be train, validation or test, not " + split);
            }
            FeedbackReview.Outcome o = FeedbackReview.accept(review, gold, which, EmbeddedData.symptomSet(), reviewer);
            o.problems().forEach(p -> System.err.println("radtox: " + p));
            if (!o.problems().isEmpty()) {
                System.err.println("feedback: nothing written to the gold set (fix the lines above)");
                return 1;
            }
            System.err.printf(Locale.ROOT, "feedback: %d line(s) added to %s of %s; %d left pending or rejected%n", o.used(),
                    which.fileName(), gold, o.skipped());
            return 0;
        }
    }
}
