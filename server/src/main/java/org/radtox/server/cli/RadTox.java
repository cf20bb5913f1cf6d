package org.radtox.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code radtox} command line. Data goes to stdout or the named file, messages to stderr. */
@Command(name = "radtox", mixinStandardHelpOptions = true, versionProvider = RadTox.Version.class,
        description = {"Finds post-radiotherapy toxicities (CTCAE v5.0 terms and grades) in clinical notes, with the "
                + "exact evidence, using the embedded student: in-process, no network, no model server.", ""},
        subcommands = {ExtractCommand.class, EvaluateCommand.class, BenchCommand.class, ExplainCommand.class, ServeCommand.class, LoadCommand.class,
                RefineCommand.class, VersionsCommand.class, PromoteCommand.class, RollbackCommand.class, DeidCheckCommand.class,
                FeedbackCommand.class, DefineStudentCommand.class, ExportFinetuneCommand.class,
                CdsLoadCommand.class,
                BackfillCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit status: 0 success, 1 some input failed (each failure is reported), 2 usage error.",
                "Formats: docs/FORMATS.md. Task definition: docs/LABELING.md."})
public final class RadTox implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exit;
        try {
            exit = commandLine().execute(args);
        } catch (Throwable t) {
            // Even a defect ends with one line a person can report, not a stack trace.
            System.err.println("radtox: internal error: " + t);
            exit = 1;
        }
        System.exit(exit);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RadTox());
        // A failure a user can act on gets one line on stderr, never a stack trace; a wrapped failure (the
        // server's start, say) adds one line per distinct cause, since the innermost one says what to fix.
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("radtox: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            java.util.Set<String> said = new java.util.HashSet<>(java.util.List.of(String.valueOf(ex.getMessage())));
            for (Throwable c = ex.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                String m = c.getMessage() == null ? c.toString() : c.getMessage();
                if (said.add(m)) {
                    commandLine.getErr().println("radtox:   because: " + m);
                }
            }
            boolean usage = ex instanceof IllegalArgumentException || ex instanceof CommandLine.ParameterException
                    || ex instanceof java.io.FileNotFoundException;
            return usage ? 2 : 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RadTox.class.getPackage().getImplementationVersion();
            return new String[] {"radtox " + (v == null ? "development build" : v)};
        }
    }
}
