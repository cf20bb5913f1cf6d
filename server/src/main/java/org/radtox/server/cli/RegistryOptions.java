package org.radtox.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import picocli.CommandLine.Option;

import org.radtox.refinement.registry.VersionRegistry;
import org.radtox.server.config.ServerSettings;
import org.radtox.server.config.ServerSettingsLoader;
import org.radtox.server.config.StoreConnection;

/**
 * The database that holds the version registry: the server's own, found the way {@code serve} finds it
 * ({@code --config}, {@code RADTOX_*} environment variables, {@code --data-dir}, {@code --jdbc-url}).
 */
final class RegistryOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with the server's configuration "
            + "(docs/CONFIGURATION.md); RADTOX_* environment variables and these options override it.")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The server's state folder, where the embedded database "
            + "lives (default: ./data).")
    Path dataDir;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "The server's database, when it is not the embedded one.")
    String jdbcUrl;

    /** An open registry and the pool under it; close it when done. */
    record Open(VersionRegistry registry, HikariDataSource pool, String where) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
        }
    }

    Open open() throws java.io.IOException {
        Map<String, String> given = new HashMap<>();
        given.put("data-dir", dataDir == null ? null : dataDir.toString());
        given.put("jdbc.url", jdbcUrl);
        ServerSettings settings = ServerSettingsLoader.load(config, System.getenv(), given);
        if (settings.jdbcUrl() == null) {
            Files.createDirectories(settings.dataDir());
        }
        HikariConfig c = StoreConnection.pool(settings, "radtox-registry", 2);
        String where = settings.jdbcUrl() == null ? "the embedded database in " + settings.dataDir().toAbsolutePath()
                : settings.effectiveJdbcUrl().replaceAll("password=[^&;]*", "password=***");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(c);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the version registry in " + where + ": " + rootMessage(e), e);
        }
        try {
            return new Open(VersionRegistry.open(pool), pool, where);
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("cannot open the version registry in " + where + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null) {
            r = r.getCause();
        }
        return r.getMessage() == null ? r.toString() : r.getMessage();
    }
}
