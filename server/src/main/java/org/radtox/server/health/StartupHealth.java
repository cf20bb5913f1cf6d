package org.radtox.server.health;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The node's port while it starts (waiting for its database, then half a minute of start-up):
 * {@code /health/live} 200, since the process is fine and must not be restarted in a loop,
 * {@code /health/ready} 503 saying what the node is doing, and 503 with Retry-After for anything else.
 * Closed just before the server itself takes the port.
 */
public final class StartupHealth implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Server jetty;
    private volatile String doing = "starting";

    private StartupHealth(Server jetty) {
        this.jetty = jetty;
    }

    /** Serves on host:port; does nothing when the port is 0 (picked at start-up: nobody knows it yet) or taken. */
    public static StartupHealth serve(String host, int port) {
        if (port == 0) {
            return new StartupHealth(null);
        }
        Server jetty = new Server();
        ServerConnector http = new ServerConnector(jetty);
        http.setHost(host);
        http.setPort(port);
        jetty.addConnector(http);
        StartupHealth health = new StartupHealth(jetty);
        ServletContextHandler handler = new ServletContextHandler();
        handler.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("application/json");
                if ("/live".equals(req.getPathInfo())) {
                    resp.getWriter().write("{\"status\":\"UP\"}");
                    return;
                }
                resp.setStatus(503);
                JSON.writeValue(resp.getWriter(), Map.of("status", "DOWN", "checks",
                        List.of(Map.of("name", "start-up", "status", "DOWN", "message", health.doing))));
            }
        }), "/health/*");
        // Everything else: 503 with Retry-After, never a 404 or 400. A load balancer without active health checks
        // (nginx's open-source one) sends requests to any port that accepts connections; a 503 makes it try the
        // next node for a request it may re-send, and tells a client to send it again (the drill found a POST
        // answered 400 by this endpoint, which the client took as final).
        handler.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setStatus(503);
                resp.setHeader("Retry-After", "5");
                resp.setContentType("application/json");
                JSON.writeValue(resp.getWriter(), Map.of("status", "DOWN", "message", "this RadTox node is starting: " + health.doing));
            }
        }), "/*");
        jetty.setHandler(handler);
        try {
            jetty.start();
            return health;
        } catch (Exception e) {
            // The port is taken: the server's own start says so clearly; starting goes on without these endpoints.
            return new StartupHealth(null);
        }
    }

    /** What /health/ready says the node is doing. */
    public void doing(String what) {
        this.doing = what;
    }

    @Override
    public void close() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
    }
}
