package org.radtox.server.cli;

import java.io.IOException;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.radtox.server.interchange.NoteLine;
import org.radtox.server.interchange.NoteLineReader;
import org.radtox.student.embedded.EmbeddedStudent;

/** {@code radtox explain}: how the embedded student read each mention: for people tuning its data files. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Shows, for each note, every mention the embedded student found, how it was asserted "
                + "(AFFIRMED, NEGATED, HISTORICAL, ...), in which section and clause, and the findings. For people "
                + "tuning the lexicon and rules."},
        footer = {"", "Example:", "  radtox explain --input data/gold/prostate-rt/train.jsonl --id G-1017"})
final class ExplainCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE|-", description = "Notes JSONL ('-' for stdin).")
    String input;

    @Option(names = "--id", paramLabel = "ID", description = "Only the note with this id.")
    String id;

    @Override
    public Integer call() throws IOException {
        EmbeddedStudent student = EmbeddedStudent.bundled();
        try (NoteLineReader reader = new NoteLineReader(Streams.input(input))) {
            NoteLine line;
            while ((line = reader.next()) != null) {
                if (line instanceof NoteLine.Readable r && (id == null || id.equals(r.note().id()))) {
                    System.out.println("== " + r.note().id());
                    student.explain(r.note()).forEach(l -> System.out.println("  " + l.replace('\n', ' ')));
                    student.extract(r.note()).forEach(f -> System.out.println("  => " + f.symptom() + " " + f.status().code()
                            + " G" + f.grade()));
                }
            }
        }
        return 0;
    }
}
