package org.radtox.server.config;

import com.zaxxer.hikari.HikariConfig;

/**
 * How a pool connects to the store the settings name: the server's own pool and the command line's registry
 * pool must reach the same database with the same credentials, so they share this one recipe.
 */
public final class StoreConnection {

    private StoreConnection() {
    }

    /** A pool configuration for the store; the embedded database's user is {@code sa} unless one is given. */
    public static HikariConfig pool(ServerSettings settings, String poolName, int maxPoolSize) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(settings.effectiveJdbcUrl());
        if (settings.jdbcUser() != null) {
            c.setUsername(settings.jdbcUser());
        } else if (!settings.postgres()) {
            c.setUsername("sa");
        }
        if (settings.jdbcPassword() != null) {
            c.setPassword(settings.jdbcPassword());
        }
        c.setMaximumPoolSize(maxPoolSize);
        c.setPoolName(poolName);
        return c;
    }
}
