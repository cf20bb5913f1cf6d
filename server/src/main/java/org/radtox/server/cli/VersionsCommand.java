package org.radtox.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.registry.EvaluationSummary;
import org.radtox.refinement.registry.RegisteredVersion;
import org.radtox.refinement.registry.VersionEvent;

/** {@code radtox versions}: the registry's student versions, which one is active, and the promotion history. */
@Command(name = "versions", mixinStandardHelpOptions = true,
        description = {"Lists the student versions in the registry (the server's database), oldest first, with lineage "
                + "(parent, round, strategy, teacher) and validation / test macro-F1; '*' marks the active one. --history adds "
                + "every promotion and rollback; --export writes every version as files (manifest.json and the data files)."},
        footer = {"", "Examples:", "  radtox versions", "  radtox versions --history --data-dir /var/lib/radtox",
                "  radtox versions --export registry-backup/"})
final class VersionsCommand implements Callable<Integer> {

    @Option(names = "--history", description = "Also list promotions and rollbacks.")
    boolean history;

    @Option(names = "--export", paramLabel = "DIR", description = "Write every version as files into DIR.")
    Path export;

    @Mixin
    RegistryOptions registry;

    @Override
    public Integer call() throws Exception {
        try (RegistryOptions.Open open = registry.open()) {
            List<RegisteredVersion> versions = open.registry().list();
            String active = open.registry().active().map(VersionEvent::versionId).orElse(EmbeddedData.bundled().version().id());
            if (versions.isEmpty()) {
                System.err.println("no versions registered yet in " + open.where() + " (radtox refine registers them); serving "
                        + active);
            } else {
                List<List<String>> rows = new ArrayList<>();
                for (RegisteredVersion v : versions) {
                    rows.add(List.of(v.id().equals(active) ? "*" : "", v.id(), v.lineage().parentId() == null ? "-" : v.lineage().parentId(),
                            Integer.toString(v.lineage().round()), v.lineage().strategy(), v.lineage().teacher(), f1(v.validation()),
                            f1(v.test()), Integer.toString(v.edits().size())));
                }
                print(List.of("", "version", "parent", "round", "strategy", "teacher", "val F1", "test F1",
                        "edits"), rows);
            }
            if (history) {
                System.out.println();
                for (VersionEvent e : open.registry().history()) {
                    System.out.printf(Locale.ROOT, "%d  %s  %-8s %s (was %s) by %s: %s%n", e.seq(), e.at(), e.action(), e.versionId(),
                            e.previousId(), e.actor(), e.reason());
                }
            }
            if (export != null) {
                System.err.println("exported to " + open.registry().export(export));
            }
        }
        return 0;
    }

    private static void print(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        for (List<String> r : all) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                b.append(String.format(Locale.ROOT, "%-" + Math.max(1, width[i]) + "s  ", r.get(i)));
            }
            System.out.println(b.toString().stripTrailing());
        }
    }

    private static String f1(EvaluationSummary s) {
        return s == null ? "-" : String.format(Locale.ROOT, "%.3f", s.macroF1().estimate());
    }
}
