package org.radtox.server.dashboard;

/** The zero-setup store: the embedded database. */
class DashboardApiOnEmbeddedDatabaseTest extends DashboardApiTest {

    @Override
    String jdbcUrl() {
        return null;
    }
}
