package org.radtox.server.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.radtox.refinement.registry.PromotionRefusedException;
import org.radtox.refinement.registry.VersionEvent;

/** {@code radtox rollback}: back to the version that was active before the current one was promoted. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Makes the version that was active before the current one was promoted active again (no gate: going back "
                + "is always allowed). A running server switches without a restart. The history keeps both steps."},
        footer = {"", "Example:", "  radtox rollback --reason \"more false hematuria reported by clinicians since Monday\""})
final class RollbackCommand implements Callable<Integer> {

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the history.")
    String reason;

    @Mixin
    RegistryOptions registry;

    @Override
    public Integer call() throws Exception {
        try (RegistryOptions.Open open = registry.open()) {
            VersionEvent e = open.registry().rollback(System.getProperty("user.name"), reason);
            System.out.println("rolled back to " + e.versionId() + " (was " + e.previousId() + ")");
            return 0;
        } catch (PromotionRefusedException e) {
            System.err.println("radtox: " + e.getMessage());
            return 1;
        }
    }
}
