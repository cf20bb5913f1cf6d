package org.radtox.server.health;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;


/**
 * Before the store starts: waits until the database accepts a connection, retrying, instead of exiting on the
 * first refusal. A node started before its database (a whole site booting, a password being fixed, a failover)
 * then comes up by itself; meanwhile its {@link StartupHealth} says why it is not ready (the database's own message).
 */
public final class DatabaseWait {

    private final String url;
    private final String user;
    private final String password;
    private final Duration every;
    private final Consumer<String> log;

    public DatabaseWait(String url, String user, String password, Duration every, Consumer<String> log) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.every = every;
        this.log = log;
    }

    /** The database's answer to one connection attempt: null when it accepted, otherwise its reason. */
    public String attempt() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("loginTimeout", "10");
        p.setProperty("connectTimeout", "10");
        try (Connection c = DriverManager.getConnection(url, p)) {
            return c.isValid(5) ? null : "the connection is not valid";
        } catch (Exception e) {
            return Causes.innermost(e);
        }
    }

    /** Returns once the database accepts a connection; tells {@code health} why the node waits meanwhile. */
    public void await(StartupHealth health) throws InterruptedException {
        String reason = attempt();
        String said = null;
        long saidAt = 0;
        while (reason != null) {
            health.doing("waiting for the database before starting: " + reason);
            // The same reason again is said once a minute, a new one at once: a clear log, not a flood.
            if (!reason.equals(said) || System.nanoTime() - saidAt > Duration.ofMinutes(1).toNanos()) {
                log.accept("radtox: the database refuses or does not answer (" + reason + "); retrying every "
                        + every.toSeconds() + " s; /health/ready says 503 meanwhile");
                said = reason;
                saidAt = System.nanoTime();
            }
            Thread.sleep(every.toMillis());
            reason = attempt();
        }
        if (said != null) {
            log.accept("radtox: the database accepts connections now; starting");
        }
        health.doing("starting (the database answers)");
    }
}
