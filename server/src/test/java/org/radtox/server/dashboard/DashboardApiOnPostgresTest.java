package org.radtox.server.dashboard;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Production's store: PostgreSQL, the throwaway cluster scripts/test starts (CI always has it). */
@EnabledIfEnvironmentVariable(named = "RADTOX_TEST_JDBC_URL", matches = "jdbc:postgresql:.+")
class DashboardApiOnPostgresTest extends DashboardApiTest {

    @Override
    String jdbcUrl() {
        return System.getenv("RADTOX_TEST_JDBC_URL");
    }
}
