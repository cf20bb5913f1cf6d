package org.radtox.server.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's deploy/ folder and the tools that read it, as the tests see them. */
final class DeployFiles {

    private DeployFiles() {
    }

    /** The repository root: the server module's tests run in server/. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("deploy")) ? here : here.getParent();
    }

    static String read(String relative) throws IOException {
        return Files.readString(root().resolve(relative));
    }

    /** Every RADTOX_* variable docs/CONFIGURATION.md documents. */
    static Set<String> documentedVariables() throws IOException {
        return matches(read("docs/CONFIGURATION.md"), Pattern.compile("`(RADTOX_[A-Z0-9_]+)`"));
    }

    static Set<String> matches(String text, Pattern p) {
        Set<String> found = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    record Run(int exit, String out) {
    }

    /** Runs a command in the repository root with stdin from the given text (or none); fails the test on a hang. */
    static Run run(String stdin, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(root().toFile()).redirectErrorStream(true);
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
