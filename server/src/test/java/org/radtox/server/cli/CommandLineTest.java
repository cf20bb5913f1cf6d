package org.radtox.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The help of every command is complete: each option is listed with a description. */
class CommandLineTest {

    @Test
    void everyCommandAndOptionIsDocumented() {
        CommandLine cli = RadTox.commandLine();
        for (var sub : cli.getSubcommands().values()) {
            for (var option : sub.getCommandSpec().options()) {
                assertTrue(option.description().length > 0 && !option.description()[0].isBlank(),
                        sub.getCommandName() + " " + option.longestName() + " has no description");
            }
            StringWriter help = new StringWriter();
            sub.usage(new PrintWriter(help));
            for (var option : sub.getCommandSpec().options()) {
                String name = option.longestName().replaceFirst("^-+", "");
                assertTrue(help.toString().contains(name), sub.getCommandName() + " help lacks " + name);
            }
        }
    }

    @Test
    void theContractCommandsExist() {
        var subs = RadTox.commandLine().getSubcommands().keySet();
        assertTrue(subs.containsAll(java.util.List.of("extract", "evaluate", "bench")), subs.toString());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CommandLine cli = RadTox.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        assertEquals(2, cli.execute("extract", "--no-such-option"));
    }
}
