package org.radtox.server.fhir;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Switching student versions on a server with PostgreSQL (scripts/test provides one). */
@EnabledIfEnvironmentVariable(named = "RADTOX_TEST_JDBC_URL", matches = "jdbc:postgresql:.+")
class StudentSwitchOnPostgresTest extends StudentSwitchTest {
    @Override
    String jdbcUrl() throws Exception {
        // A database of its own: promotions here must not switch the student of other tests' servers.
        return org.radtox.server.TestPostgres.freshDatabaseUrl("radtox_switch");
    }
}
