package org.radtox.server.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.registry.PromotionPolicy;
import org.radtox.refinement.registry.PromotionRefusedException;
import org.radtox.refinement.registry.VersionEvent;

/** {@code radtox promote VERSION}: makes a registered version the active one, if it passes the gate. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {"Makes VERSION the student the server extracts with, if it passes the gate against the version serving "
                + "now (measured on the same validation notes): macro-F1 gain of at least --min-gain, no symptom's F1 or accuracy "
                + "worse by more than --tolerance, and a test-split report on file. A refused promotion changes nothing and says why. "
                + "A running server switches to the promoted version without a restart."},
        footer = {"", "Examples:", "  radtox promote embedded@3f2a9c1b7d04 --reason \"refine run of 28 Nov, reviewed by QA\"",
                "  radtox promote embedded@3f2a9c1b7d04 --min-gain 0.01 --tolerance 0.0"})
final class PromoteCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "VERSION", description = "A version listed by radtox versions.")
    String version;

    @Option(names = "--min-gain", defaultValue = "0.005", paramLabel = "F1",
            description = "Least validation macro-F1 gain over the active version (default: ${DEFAULT-VALUE}).")
    double minGain;

    @Option(names = "--tolerance", defaultValue = "0.02", paramLabel = "DROP",
            description = "Most any one symptom's validation F1 or accuracy may fall (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the history (radtox versions --history).")
    String reason;

    @Mixin
    RegistryOptions registry;

    @Override
    public Integer call() throws Exception {
        PromotionPolicy policy = new PromotionPolicy(minGain, tolerance);
        try (RegistryOptions.Open open = registry.open()) {
            VersionEvent e = open.registry().promote(version, EmbeddedData.bundled().version().id(), policy,
                    System.getProperty("user.name"), reason);
            System.out.println("promoted " + e.versionId() + " (was " + e.previousId() + ")");
            return 0;
        } catch (PromotionRefusedException e) {
            System.err.println("radtox: " + e.getMessage().substring(0, e.getMessage().indexOf(':')) + ":");
            e.reasons().forEach(r -> System.err.println("  - " + r));
            return 1;
        }
    }
}
