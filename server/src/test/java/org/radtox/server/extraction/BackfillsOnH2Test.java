package org.radtox.server.extraction;

import javax.sql.DataSource;

/** The backfill on the embedded database. */
class BackfillsOnH2Test extends BackfillsTest {
    @Override
    DataSource freshDatabase() {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:backfill-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }
}
