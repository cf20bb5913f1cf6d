package org.radtox.server.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.radtox.server.interchange.NoteLineReader;
import org.radtox.student.Student;
import org.radtox.student.note.Note;

/**
 * {@code radtox bench}: single-threaded throughput and per-note latency of a student, on notes of a chosen
 * length made by joining the texts of an input file (the gold notes by default). Numbers, not a test:
 * run it on a quiet machine and report the machine with them.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures notes per second (single thread) and p50 / p99 latency per note on notes of about "
                + "--words words, built by joining consecutive input notes. --write-corpus saves such notes as JSONL "
                + "(e.g. 10,000 of them, for timing 'radtox extract'). Figures, not a test: report the machine with them."},
        footer = {"", "Examples:", "  radtox bench", "  radtox bench --notes 10000 --write-corpus /tmp/notes.jsonl"})
final class BenchCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", split = ",",
            defaultValue = "data/gold/prostate-rt/train.jsonl,data/gold/prostate-rt/validation.jsonl,data/gold/prostate-rt/test.jsonl",
            description = "Notes JSONL whose texts are joined into bench notes (default: the gold set).")
    List<Path> inputs;

    @Option(names = "--words", defaultValue = "300", description = "Target words per note (default: ${DEFAULT-VALUE}).")
    int words;

    @Option(names = "--notes", defaultValue = "5000", description = "Measured notes (default: ${DEFAULT-VALUE}).")
    int notes;

    @Option(names = "--warmup", defaultValue = "3000", description = "Notes run before measuring, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Mixin
    StudentOption student;

    @Option(names = "--write-corpus", paramLabel = "FILE", description = "Write --notes bench notes as JSONL to FILE and stop.")
    Path corpus;

    @Override
    public Integer call() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("bench input not found: " + p + " (run from the repository root, or give --input)");
            }
            texts.addAll(NoteLineReader.texts(p));
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no readable notes in " + inputs);
        }
        List<Note> bench = compose(texts, words, corpus != null ? notes : Math.min(notes, 2000));
        if (corpus != null) {
            try (Writer w = Files.newBufferedWriter(corpus)) {
                for (int i = 0; i < notes; i++) {
                    Note n = bench.get(i % bench.size());
                    w.write("{\"id\":\"B-" + (i + 1) + "\",\"text\":" + new com.fasterxml.jackson.databind.ObjectMapper()
                            .writeValueAsString(n.text()) + "}\n");
                }
            }
            System.err.println("wrote " + notes + " notes of about " + words + " words to " + corpus);
            return 0;
        }
        Student s = student.resolve();
        for (int i = 0; i < warmup; i++) {
            s.extract(bench.get(i % bench.size()));
        }
        long[] nanos = new long[notes];
        long findings = 0;
        long start = System.nanoTime();
        for (int i = 0; i < notes; i++) {
            long t0 = System.nanoTime();
            findings += s.extract(bench.get(i % bench.size())).size();
            nanos[i] = System.nanoTime() - t0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        double avgWords = bench.stream().mapToInt(n -> n.text().split("\\s+").length).average().orElse(0);
        System.out.printf(Locale.ROOT, "student          %s%n", s.version());
        System.out.printf(Locale.ROOT, "notes            %d measured after %d warm-up, %.0f words on average%n", notes, warmup, avgWords);
        System.out.printf(Locale.ROOT, "throughput       %.0f notes/s (one thread)%n", notes / seconds);
        System.out.printf(Locale.ROOT, "latency          p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", nanos[notes / 2] / 1e6,
                nanos[(int) Math.min(notes - 1, Math.ceil(notes * 0.99) - 1)] / 1e6, nanos[notes - 1] / 1e6);
        System.out.printf(Locale.ROOT, "findings         %.1f per note%n", (double) findings / notes);
        System.out.printf(Locale.ROOT, "machine          %d cores, java %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        return 0;
    }

    /**
     * Notes of about {@code words} words, each joining consecutive texts (cycling through them): a text is
     * added while the note is further below the target than it would be above it.
     */
    static List<Note> compose(List<String> texts, int words, int count) {
        List<Note> out = new ArrayList<>(count);
        int next = 0;
        for (int i = 0; i < count; i++) {
            StringBuilder b = new StringBuilder();
            int w = 0;
            while (true) {
                String t = texts.get(next % texts.size());
                int tw = t.split("\\s+").length;
                if (w > 0 && w + tw - words > words - w) {
                    break;
                }
                next++;
                if (b.length() > 0) {
                    b.append("\n\n");
                }
                b.append(t);
                w += tw;
            }
            out.add(new Note("B-" + (i + 1), b.toString()));
        }
        return out;
    }
}
