package org.radtox.cds;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.jdbcx.JdbcDataSource;

import org.radtox.student.Student;
import org.radtox.student.embedded.EmbeddedStudent;

/**
 * RadTox's CDS Hooks servlet in a bare Jetty on a free port of this machine, as the server mounts it
 * ({@code /cds-services/*}, and the feedback report at {@code /admin/cds-feedback/*}), over an in-memory H2
 * database unless a test gives another. Tests talk to it over real HTTP.
 */
final class CdsServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final CdsHooks hooks;
    final String base;
    private final Server jetty;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CdsServer(CdsHooks hooks, Server jetty) {
        this.hooks = hooks;
        this.jetty = jetty;
        this.base = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    static CdsServer start(CdsSettings settings) throws Exception {
        return start(settings, EmbeddedStudent.bundled(), h2());
    }

    static CdsServer start(CdsSettings settings, Student student, DataSource db) throws Exception {
        CdsHooks hooks = CdsHooks.builder().settings(settings).student(student).dataSource(db).build();
        Server jetty = new Server();
        ServerConnector http = new ServerConnector(jetty);
        http.setHost("127.0.0.1");
        http.setPort(0);
        jetty.addConnector(http);
        ServletContextHandler handler = new ServletContextHandler();
        handler.setContextPath("/");
        handler.addServlet(new ServletHolder("cds", hooks.servlet()), "/cds-services/*");
        handler.addServlet(new ServletHolder("cds-feedback", hooks.feedbackReport((req, resp) -> true)), "/admin/cds-feedback/*");
        jetty.setHandler(handler);
        jetty.start();
        return new CdsServer(hooks, jetty);
    }

    static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:cds-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    String url(String path) {
        return base + path;
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, null, token, Map.of());
    }

    HttpResponse<String> post(String path, String body, String token) throws Exception {
        return send("POST", path, body, token, Map.of());
    }

    HttpResponse<String> send(String method, String path, String body, String token, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Override
    public void close() throws Exception {
        try {
            jetty.stop();
        } finally {
            hooks.close();
        }
    }
}
