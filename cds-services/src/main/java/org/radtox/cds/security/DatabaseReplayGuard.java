package org.radtox.cds.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

/**
 * Token ids in a database table shared by all nodes: the first node to insert an id wins, and the table's
 * primary key makes that atomic on H2 and PostgreSQL alike. Rows whose token has expired are deleted now and
 * then, so the table holds at most about an hour of calls ({@link CdsClientVerifier#MAX_REMAINING_LIFETIME}).
 */
final class DatabaseReplayGuard implements ReplayGuard {

    private static final String UNIQUE_VIOLATION = "23505";
    /** How many first uses between two purges of expired ids. */
    private static final long PURGE_EVERY = 1_000;

    private final DataSource dataSource;
    private final Clock clock;
    private final AtomicLong firstUses = new AtomicLong();

    DatabaseReplayGuard(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        createTable();
    }

    private void createTable() {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS radtox_cds_token_id (issuer VARCHAR(2000) NOT NULL,"
                        + " jti VARCHAR(500) NOT NULL, expires_at TIMESTAMP NOT NULL, PRIMARY KEY (issuer, jti))");
                s.execute("CREATE INDEX IF NOT EXISTS radtox_cds_token_id_expiry ON radtox_cds_token_id (expires_at)");
                return;
            } catch (SQLException e) {
                // Two nodes creating the table at once: PostgreSQL lets one fail; the next try finds it.
                if (attempt >= 3) {
                    throw new IllegalStateException("cannot create the CDS token id table: " + e.getMessage(), e);
                }
            }
        }
    }

    @Override
    public boolean firstUse(String issuer, String jti, Instant until) {
        Instant now = clock.instant();
        if (!until.isAfter(now)) {
            return true;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO radtox_cds_token_id (issuer, jti, expires_at) VALUES (?, ?, ?)")) {
            insert.setString(1, issuer);
            insert.setString(2, jti);
            insert.setTimestamp(3, Timestamp.from(until));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                // Failing closed: a token whose first use cannot be recorded could be replayed.
                throw new IllegalStateException("cannot record the CDS client token id: " + e.getMessage(), e);
            }
            // Seen before: a replay, unless that earlier token has expired since (then its id may be used again).
            return expiredAndForgotten(issuer, jti, now) && firstUse(issuer, jti, until);
        }
        if (firstUses.incrementAndGet() % PURGE_EVERY == 0) {
            purgeExpired(now);
        }
        return true;
    }

    /** An id whose earlier token has expired may be used again: deletes it, and says whether it did. */
    private boolean expiredAndForgotten(String issuer, String jti, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement(
                     "DELETE FROM radtox_cds_token_id WHERE issuer = ? AND jti = ? AND expires_at <= ?")) {
            delete.setString(1, issuer);
            delete.setString(2, jti);
            delete.setTimestamp(3, Timestamp.from(now));
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the CDS client token id: " + e.getMessage(), e);
        }
    }

    private void purgeExpired(Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM radtox_cds_token_id WHERE expires_at <= ?")) {
            delete.setTimestamp(1, Timestamp.from(now));
            delete.executeUpdate();
        } catch (SQLException e) {
            // Only housekeeping: the next purge tries again.
        }
    }
}
