package org.radtox.server.health;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Before the store starts: waits until the database accepts a connection, retrying, instead of exiting on the
 * first refusal. A node started before its database (a whole site booting, a password being fixed, a failover)
 * then comes up by itself. Meanwhile the node's port answers {@code /health/live} (UP: the process is fine,
 * do not restart it) and {@code /health/ready} (503, with the database's own message), so orchestrators and
 * load balancers see why it is not ready.
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

    /** Returns once the database accepts a connection; while it does not, serves the holding health endpoint on host:port. */
    public void await(String host, int port) throws Exception {
        String reason = attempt();
        if (reason == null) {
            return;
        }
        String[] latest = {reason};
        Server holding = holdingHealth(host, port, () -> latest[0]);
        try {
            String said = null;
            long saidAt = 0;
            while (reason != null) {
                // The same reason again is said once a minute, a new one at once: a clear log, not a flood.
                if (!reason.equals(said) || System.nanoTime() - saidAt > Duration.ofMinutes(1).toNanos()) {
                    log.accept("radtox: the database refuses or does not answer (" + reason + "); retrying every "
                            + every.toSeconds() + " s; /health/ready says 503 meanwhile");
                    said = reason;
                    saidAt = System.nanoTime();
                }
                Thread.sleep(every.toMillis());
                reason = attempt();
                latest[0] = reason == null ? "accepted; starting" : reason;
            }
            log.accept("radtox: the database accepts connections now; starting");
        } finally {
            if (holding != null) {
                holding.stop();
            }
        }
    }

    private static Server holdingHealth(String host, int port, java.util.function.Supplier<String> reason) {
        if (port == 0) {
            return null; // a port picked at start-up is not known to anyone yet
        }
        Server jetty = new Server();
        ServerConnector http = new ServerConnector(jetty);
        http.setHost(host);
        http.setPort(port);
        jetty.addConnector(http);
        ServletContextHandler handler = new ServletContextHandler();
        handler.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
                resp.setContentType("application/json");
                if ("/live".equals(req.getPathInfo())) {
                    resp.getWriter().write("{\"status\":\"UP\"}");
                    return;
                }
                resp.setStatus(503);
                new com.fasterxml.jackson.databind.ObjectMapper().writeValue(resp.getWriter(), java.util.Map.of("status", "DOWN",
                        "checks", List.of(java.util.Map.of("name", "database", "status", "DOWN",
                                "message", "waiting for the database before starting: " + reason.get()))));
            }
        }), "/health/*");
        jetty.setHandler(handler);
        try {
            jetty.start();
            return jetty;
        } catch (Exception e) {
            // The port is taken: the real start will say so clearly; waiting goes on without the endpoint.
            return null;
        }
    }
}
