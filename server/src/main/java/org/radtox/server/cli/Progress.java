package org.radtox.server.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr for long runs, drawn only when a person is watching (a terminal), at most a
 * few times a second, so that piped output and logs stay clean.
 */
final class Progress implements AutoCloseable {

    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final String what;
    private final long total;
    private final long startedAt = System.nanoTime();
    private long lastDrawn = startedAt - REDRAW_NANOS - 1;
    private long done;

    Progress(PrintStream err, boolean enabled, String what, long total) {
        this.err = err;
        this.enabled = enabled;
        this.what = what;
        this.total = total;
    }

    /** Whether stderr is likely a terminal: the JVM sees one, and nobody asked for quiet. */
    static boolean terminal() {
        return System.console() != null && System.getenv("RADTOX_NO_PROGRESS") == null;
    }

    void advanceTo(long done) {
        this.done = done;
        long now = System.nanoTime();
        if (enabled && now - lastDrawn > REDRAW_NANOS) {
            lastDrawn = now;
            draw(now);
        }
    }

    private void draw(long now) {
        double seconds = Math.max(1e-9, (now - startedAt) / 1e9);
        double rate = done / seconds;
        String line;
        if (total > 0) {
            int width = 30;
            int filled = (int) Math.min(width, width * done / total);
            String eta = rate > 0 ? String.format(Locale.ROOT, " eta %.0fs", (total - done) / rate) : "";
            line = String.format(Locale.ROOT, "\r[%s%s] %d/%d %s  %.0f/s%s ", "#".repeat(filled), ".".repeat(width - filled),
                    done, total, what, rate, eta);
        } else {
            line = String.format(Locale.ROOT, "\r%d %s  %.0f/s ", done, what, rate);
        }
        err.print(line);
        err.flush();
    }

    @Override
    public void close() {
        if (enabled) {
            draw(System.nanoTime());
            err.println();
        }
    }
}
