package org.radtox.server.extraction;

import javax.sql.DataSource;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The backfill on PostgreSQL (scripts/test provides one), each test in a database of its own. */
@EnabledIfEnvironmentVariable(named = "RADTOX_TEST_JDBC_URL", matches = "jdbc:postgresql:.+")
class BackfillsOnPostgresTest extends BackfillsTest {
    @Override
    DataSource freshDatabase() throws Exception {
        org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
        pg.setURL(org.radtox.server.TestPostgres.freshDatabaseUrl("radtox_backfill"));
        return pg;
    }
}
