package org.radtox.refinement.registry;

import java.sql.DriverManager;

import javax.sql.DataSource;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/** The registry on PostgreSQL, the throwaway cluster scripts/test starts: a database of its own per test. */
@EnabledIfEnvironmentVariable(named = "RADTOX_TEST_JDBC_URL", matches = "jdbc:postgresql:.+")
class VersionRegistryOnPostgresTest extends VersionRegistryContract {

    @Override
    DataSource freshDatabase() throws Exception {
        String url = System.getenv("RADTOX_TEST_JDBC_URL");
        String name = "radtox_registry_" + Long.toString(System.nanoTime(), 36);
        try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url.replaceFirst("/radtox\\?", "/" + name + "?").replaceFirst("/radtox$", "/" + name));
        return ds;
    }
}
