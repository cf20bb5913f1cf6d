package org.radtox.server.health;

import java.sql.Connection;

import javax.sql.DataSource;

/** The store answers a query. Its message is the driver's own, which names the cause (refused, password, disk). */
public final class DatabaseCheck implements Check {

    private final DataSource dataSource;

    public DatabaseCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Result run() {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.setQueryTimeout(5);
            s.execute("SELECT 1");
            return Result.up(name(), "answers");
        } catch (Exception e) {
            // The pool's connections may all belong to a database that cannot come back through them: an embedded
            // database whose disk filled up keeps rethrowing its first write error until every connection to it is
            // closed and it is opened afresh. Connections in use are closed when they are returned.
            if (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
                hikari.getHikariPoolMXBean().softEvictConnections();
            }
            return new Result(name(), Status.DOWN, "does not answer: " + Causes.innermost(e));
        }
    }
}
