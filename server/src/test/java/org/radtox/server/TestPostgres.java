package org.radtox.server;

import java.sql.DriverManager;

/** The PostgreSQL that scripts/test provides ({@code RADTOX_TEST_JDBC_URL}), for tests that need a store to themselves. */
public final class TestPostgres {

    private TestPostgres() {
    }

    /**
     * Creates a new, empty database on the test cluster and returns its JDBC URL: a test that counts every note and
     * job, or promotes a student version, must not see or switch the other tests' data.
     */
    public static String freshDatabaseUrl(String prefix) throws Exception {
        String url = System.getenv("RADTOX_TEST_JDBC_URL");
        String name = prefix + "_" + Long.toString(System.nanoTime(), 36);
        try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url.replaceFirst("/[^/?]+\\?", "/" + name + "?");
    }
}
