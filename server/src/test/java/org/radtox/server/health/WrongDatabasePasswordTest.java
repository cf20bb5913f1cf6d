package org.radtox.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.radtox.server.cli.RadTox;

/**
 * A node started with a password the database refuses, on a real PostgreSQL that checks passwords for this
 * role (a pg_hba.conf line added for the test, removed afterwards): the node says why on stderr and in its
 * readiness, stays alive and not ready, and starts by itself once the database accepts the password (the DBA
 * sets it), with no restart.
 */
@EnabledIfEnvironmentVariable(named = "RADTOX_TEST_JDBC_URL", matches = "jdbc:postgresql:.+")
class WrongDatabasePasswordTest {

    @Test
    void aRefusedPasswordKeepsTheNodeWaitingAndNotReady_andItStartsOnceTheDatabaseAcceptsIt() throws Exception {
        String admin = System.getenv("RADTOX_TEST_JDBC_URL");
        String suffix = Long.toString(System.nanoTime(), 36);
        String role = "radtox_pw_" + suffix;
        String db = "radtox_pw_" + suffix;
        Path hba;
        String hbaBefore;
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'the-current-one'");
            s.execute("CREATE DATABASE " + db + " OWNER " + role);
            var rs = s.executeQuery("SHOW hba_file");
            rs.next();
            hba = Path.of(rs.getString(1));
            hbaBefore = Files.readString(hba);
            // First matching line wins: this role must give a password over TCP; everyone else stays as before.
            Files.writeString(hba, "host all " + role + " 127.0.0.1/32 scram-sha-256\n" + hbaBefore);
            s.execute("SELECT pg_reload_conf()");
        }
        Path data = Files.createTempDirectory("radtox-pw");
        int port = freePort();
        Process node = null;
        try {
            String url = admin.replaceFirst("/[^/?]+\\?.*$", "/" + db);
            node = serve(data, port, url, role, "the-stale-one");
            NodeUnderTest http = new NodeUnderTest(port);
            // 503 from the first second ("starting"); the reason once the database has refused the first attempt.
            NodeUnderTest.eventually(() -> http.ready().check("start-up").contains("password"), Duration.ofSeconds(120),
                    () -> http.ready().body().toString());
            assertEquals(503, http.ready().code());
            String starting = http.ready().check("start-up");
            assertTrue(starting.startsWith("DOWN: waiting for the database") && starting.contains("password authentication failed"),
                    starting);
            Path log = data.resolve("server.log");
            NodeUnderTest.eventually(() -> read(log).contains("password authentication failed"), Duration.ofSeconds(10), () -> read(log));
            assertTrue(node.isAlive(), "the node keeps waiting rather than exiting");
            assertEquals(200, livenessCode(port), "alive while waiting: an orchestrator must not restart it in a loop");

            try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
                s.execute("ALTER ROLE " + role + " PASSWORD 'the-stale-one'");
            }
            // Half a minute on an idle machine; the bound is for a machine shared with other builds.
            NodeUnderTest.eventually(() -> http.ready().code() == 200, Duration.ofSeconds(600), () -> http.ready().body() + "\n" + read(log));
            assertEquals(201, http.postNote("pw-1", "Up 3x at night to void."));
        } finally {
            if (node != null) {
                node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            Files.writeString(hba, hbaBefore);
            try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
                s.execute("SELECT pg_reload_conf()");
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                s.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    private static Process serve(Path data, int port, String url, String user, String password) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), RadTox.class.getName(),
                "serve", "--port", String.valueOf(port), "--data-dir", data.toString());
        pb.environment().put("RADTOX_JDBC_URL", url);
        pb.environment().put("RADTOX_JDBC_USER", user);
        pb.environment().put("RADTOX_JDBC_PASSWORD", password);
        pb.redirectErrorStream(true).redirectOutput(new File(data.toFile(), "server.log"));
        return pb.start();
    }

    private static int livenessCode(int port) throws Exception {
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/health/live")).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        return r.statusCode();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static int freePort() throws Exception {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
