package org.radtox.server.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.radtox.server.extraction.Backfills;
import org.radtox.server.extraction.ExtractionQueue;

/** {@code radtox backfill status}: how far the re-extraction of past notes after a promotion or rollback is. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Re-extraction of every stored note after the active student version changed (radtox promote, radtox "
                + "rollback): the servers start it by themselves and share it through the database."},
        subcommands = {BackfillCommand.Status.class})
final class BackfillCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Prints the latest backfills, newest first: student version, state, notes stored when it started, "
                    + "enqueued, done, failed and waiting, the rate so far and the time left at that rate."},
            footer = {"", "Examples:", "  radtox backfill status --data-dir /var/lib/radtox",
                    "  radtox backfill status --jdbc-url jdbc:postgresql://db/radtox --last 5"})
    static final class Status implements Callable<Integer> {

        @Option(names = "--last", defaultValue = "1", paramLabel = "N", description = "How many backfills (default: ${DEFAULT-VALUE}).")
        int last;

        @Mixin
        RegistryOptions registry;

        @Override
        public Integer call() throws Exception {
            try (RegistryOptions.Open open = registry.open()) {
                var transactions = new DataSourceTransactionManager(open.pool());
                Backfills backfills = new Backfills(open.pool(), transactions,
                        new ExtractionQueue(open.pool(), transactions, Duration.ofMinutes(2), 5), 1);
                List<Backfills.Status> recent;
                try {
                    recent = backfills.recent(last);
                } catch (BadSqlGrammarException e) {
                    recent = List.of(); // no server with backfills has run on this database yet
                }
                if (recent.isEmpty()) {
                    System.out.println("no backfill has run in " + open.where() + " (one starts when a version is promoted or rolled back)");
                    return 0;
                }
                Instant now = Instant.now();
                for (Backfills.Status b : recent) {
                    System.out.printf(Locale.ROOT, "backfill %d for %s: %s, started %s%s%n", b.id(), b.studentVersion(),
                            b.state().name().toLowerCase(Locale.ROOT), b.startedAt(),
                            b.finishedAt() == null ? "" : ", ended " + b.finishedAt());
                    System.out.printf(Locale.ROOT, "  notes: %d stored at start, %d enqueued, %d done, %d failed, %d waiting%n",
                            b.total(), b.enqueued(), b.done(), b.failed(), b.waiting());
                    System.out.printf(Locale.ROOT, "  rate: %.1f notes/s%s%n", b.rate(now),
                            b.eta(now).map(d -> ", about " + human(d) + " left").orElse(""));
                }
                return 0;
            }
        }

        private static String human(Duration d) {
            return d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min"
                    : d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
        }
    }
}
