package org.radtox.cds.security;

import java.time.Clock;
import java.time.Instant;

import javax.sql.DataSource;

/**
 * Remembers each token id ({@code iss} + {@code jti}) until its token expires, so that a captured CDS client
 * token cannot be sent again.
 */
public sealed interface ReplayGuard permits InMemoryReplayGuard, DatabaseReplayGuard {

    /**
     * Whether this is the first time the token id is seen; remembers it until {@code until}. A token already
     * expired is not remembered (its expiry refuses it anyway).
     */
    boolean firstUse(String issuer, String jti, Instant until);

    /** For one node alone. */
    static ReplayGuard inMemory(Clock clock) {
        return new InMemoryReplayGuard(clock);
    }

    /** Shared by every node on the database: a token used on one node is refused on all the others. */
    static ReplayGuard shared(DataSource dataSource, Clock clock) {
        return new DatabaseReplayGuard(dataSource, clock);
    }
}
