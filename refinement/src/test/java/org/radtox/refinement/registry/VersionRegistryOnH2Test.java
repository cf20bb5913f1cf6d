package org.radtox.refinement.registry;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** The registry on the embedded database the server uses by default. */
class VersionRegistryOnH2Test extends VersionRegistryContract {

    private static int databases;

    @Override
    DataSource freshDatabase() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:registry" + (++databases) + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }
}
