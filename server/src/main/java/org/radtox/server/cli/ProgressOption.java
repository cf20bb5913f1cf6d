package org.radtox.server.cli;

import picocli.CommandLine.Option;

/** {@code --[no-]progress}, shared by the commands that run long. */
final class ProgressOption {

    @Option(names = "--progress", negatable = true, description = "Progress bar on stderr (default: when stderr is a terminal).")
    Boolean progress;

    boolean enabled() {
        return progress != null ? progress : Progress.terminal();
    }
}
