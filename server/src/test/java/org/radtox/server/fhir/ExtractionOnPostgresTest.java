package org.radtox.server.fhir;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Production's store: PostgreSQL, the throwaway cluster scripts/test starts (CI always has it). */
@EnabledIfEnvironmentVariable(named = "RADTOX_TEST_JDBC_URL", matches = "jdbc:postgresql:.+")
class ExtractionOnPostgresTest extends ExtractionServerTest {

    @Override
    String jdbcUrl() {
        return System.getenv("RADTOX_TEST_JDBC_URL");
    }
}
