package org.radtox.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.radtox.server.interchange.FindingsJson;
import org.radtox.server.interchange.NoteLine;
import org.radtox.server.interchange.NoteLineReader;
import org.radtox.student.Student;
import org.radtox.student.StudentUnavailableException;
import org.radtox.student.UnreadableNoteException;
import org.radtox.student.finding.Finding;

/** {@code radtox extract}: notes JSONL in, findings JSONL (or a table) out, one line per input line, in order. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Extracts the toxicities of each note (docs/FORMATS.md: notes in, findings out), one output line "
                + "per input line, in input order.",
                "A line that cannot be processed gets {\"id\": ..., \"line\": N, \"error\": ...} in its place; the run "
                + "goes on and exits 1 at the end if any line failed."},
        footer = {"", "Examples:", "  radtox extract --input notes.jsonl --output findings.jsonl",
                "  cat notes.jsonl | radtox extract --input - --format table"})
final class ExtractCommand implements java.util.concurrent.Callable<Integer> {

    enum Format { jsonl, table }

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE|-", description = "Notes JSONL ('-' for stdin).")
    String input;

    @Option(names = {"-o", "--output"}, defaultValue = "-", paramLabel = "FILE|-", description = "Findings JSONL (default: stdout).")
    String output;

    @Mixin
    StudentOption student;

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "jsonl|table",
            description = "jsonl (FORMATS.md, default) or table (for people reading in a terminal).")
    Format format;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Mixin
    ProgressOption progress;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Student s = student.resolve();
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
        boolean showProgress = progress.enabled();
        long total = showProgress ? Streams.countLines(input) : -1;
        int failures = 0;
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "extract");
            t.setDaemon(true);
            return t;
        });
        TableWriter table = format == Format.table ? new TableWriter() : null;
        try (NoteLineReader reader = new NoteLineReader(Streams.input(input));
             Writer out = Streams.output(output);
             Progress bar = new Progress(System.err, showProgress, "notes", total)) {
            // A bounded window of notes in flight keeps memory flat and the output in input order.
            Deque<Future<Outcome>> window = new ArrayDeque<>();
            int maxInFlight = workers * 64;
            long done = 0;
            NoteLine line;
            while ((line = reader.next()) != null) {
                NoteLine l = line;
                window.add(pool.submit(() -> process(s, l)));
                if (window.size() >= maxInFlight) {
                    failures += write(window.poll(), out, table);
                    bar.advanceTo(++done);
                }
            }
            while (!window.isEmpty()) {
                failures += write(window.poll(), out, table);
                bar.advanceTo(++done);
            }
            if (table != null) {
                table.finish(new PrintWriter(out));
            }
        } finally {
            pool.shutdownNow();
        }
        if (failures > 0) {
            System.err.println("radtox extract: " + failures + " line(s) failed; see their \"error\" fields");
            return 1;
        }
        return 0;
    }

    /** What one line became: an output line, and for the table the findings. */
    private record Outcome(String json, String id, List<Finding> findings, String error) {
    }

    private static Outcome process(Student s, NoteLine line) {
        if (line instanceof NoteLine.Unreadable u) {
            return new Outcome(FindingsJson.error(u.id(), u.lineNumber(), u.reason()), u.id(), List.of(), u.reason());
        }
        NoteLine.Readable r = (NoteLine.Readable) line;
        try {
            List<Finding> findings = s.extract(r.note());
            return new Outcome(FindingsJson.findings(r.note().id(), s.version(), findings), r.note().id(), findings, null);
        } catch (UnreadableNoteException | StudentUnavailableException | IllegalArgumentException e) {
            return new Outcome(FindingsJson.error(r.note().id(), r.lineNumber(), e.getMessage()), r.note().id(), List.of(),
                    e.getMessage());
        } catch (RuntimeException e) {
            // A defect must not cost the rest of the run: report it on the line, with its kind.
            String reason = "internal error: " + e;
            return new Outcome(FindingsJson.error(r.note().id(), r.lineNumber(), reason), r.note().id(), List.of(), reason);
        }
    }

    private static int write(Future<Outcome> next, Writer out, TableWriter table) throws IOException, InterruptedException {
        Outcome o;
        try {
            o = next.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("extraction worker failed", e.getCause());
        }
        if (table != null) {
            table.add(o.id(), o.findings(), o.error());
        } else {
            out.write(o.json());
            out.write('\n');
        }
        return o.error() == null ? 0 : 1;
    }
}
