package org.radtox.server.extraction;

import javax.sql.DataSource;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The backfill on PostgreSQL (scripts/test provides one), each test in a database of its own. */
@EnabledIfEnvironmentVariable(named = "RADTOX_TEST_JDBC_URL", matches = "jdbc:postgresql:.+")
class BackfillsOnPostgresTest extends BackfillsTest {
    @Override
    DataSource freshDatabase() throws Exception {
        String url = System.getenv("RADTOX_TEST_JDBC_URL");
        String name = "radtox_backfill_" + Long.toString(System.nanoTime(), 36);
        try (var c = java.sql.DriverManager.getConnection(url); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
        pg.setURL(url.replaceFirst("/[^/?]+\\?", "/" + name + "?"));
        return pg;
    }
}
