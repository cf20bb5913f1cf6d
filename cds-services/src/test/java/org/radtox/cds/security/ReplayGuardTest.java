package org.radtox.cds.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A CDS client token is good for one call. The guard that remembers token ids behaves the same in memory and
 * in the database (H2, and PostgreSQL when scripts/test has started one); only the database one is shared by
 * the nodes behind a load balancer.
 */
class ReplayGuardTest {

    private static final Instant T0 = Instant.parse("2031-04-02T08:00:00Z");

    /** A clock the test moves forward. */
    static final class StepClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static Stream<Arguments> guards() {
        List<Arguments> guards = new ArrayList<>();
        guards.add(Arguments.of("in memory", (Function<Clock, ReplayGuard>) ReplayGuard::inMemory));
        guards.add(Arguments.of("H2", shared(h2())));
        postgres().ifPresent(pg -> guards.add(Arguments.of("PostgreSQL", shared(pg))));
        return guards.stream();
    }

    static Stream<Arguments> databases() {
        List<Arguments> dbs = new ArrayList<>();
        dbs.add(Arguments.of("H2", h2()));
        postgres().ifPresent(pg -> dbs.add(Arguments.of("PostgreSQL", pg)));
        return dbs.stream();
    }

    private static Function<Clock, ReplayGuard> shared(DataSource db) {
        return clock -> ReplayGuard.shared(db, clock);
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:replay-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    private static java.util.Optional<DataSource> postgres() {
        String url = System.getenv("RADTOX_TEST_JDBC_URL");
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return java.util.Optional.empty();
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        return java.util.Optional.of(pg);
    }

    private static String jti() {
        return UUID.randomUUID().toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guards")
    void aTokenIdIsGoodOnce(String name, Function<Clock, ReplayGuard> make) {
        StepClock clock = new StepClock();
        ReplayGuard guard = make.apply(clock);
        String jti = jti();
        Instant exp = T0.plus(Duration.ofMinutes(5));
        assertTrue(guard.firstUse("https://ehr.example", jti, exp));
        assertFalse(guard.firstUse("https://ehr.example", jti, exp), "the same token again is a replay");
        assertTrue(guard.firstUse("https://other-ehr.example", jti, exp), "another issuer's token with that id is its own");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guards")
    void anIdMayComeBackOnlyOnceItsEarlierTokenHasExpired(String name, Function<Clock, ReplayGuard> make) {
        StepClock clock = new StepClock();
        ReplayGuard guard = make.apply(clock);
        String jti = jti();
        assertTrue(guard.firstUse("https://ehr.example", jti, T0.plus(Duration.ofMinutes(5))));
        clock.now = T0.plus(Duration.ofMinutes(4));
        assertFalse(guard.firstUse("https://ehr.example", jti, T0.plus(Duration.ofMinutes(9))));
        clock.now = T0.plus(Duration.ofMinutes(6));
        assertTrue(guard.firstUse("https://ehr.example", jti, T0.plus(Duration.ofMinutes(11))));
        assertFalse(guard.firstUse("https://ehr.example", jti, T0.plus(Duration.ofMinutes(11))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aTokenUsedOnOneNodeIsRefusedOnAnother(String name, DataSource db) {
        StepClock clock = new StepClock();
        ReplayGuard nodeA = ReplayGuard.shared(db, clock);
        ReplayGuard nodeB = ReplayGuard.shared(db, clock);
        String jti = jti();
        Instant exp = T0.plus(Duration.ofMinutes(5));
        assertTrue(nodeA.firstUse("https://ehr.example", jti, exp));
        assertFalse(nodeB.firstUse("https://ehr.example", jti, exp), "node B knows what node A has seen");
    }

    @Test
    void anUnreachableDatabaseRefusesRatherThanLettingATokenThrough() {
        JdbcDataSource gone = new JdbcDataSource();
        gone.setURL("jdbc:h2:mem:replay-gone-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ReplayGuard guard = ReplayGuard.shared(gone, new StepClock());
        try (var c = gone.getConnection(); var s = c.createStatement()) {
            s.execute("DROP TABLE radtox_cds_token_id");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> guard.firstUse("https://ehr.example", jti(), T0.plus(Duration.ofMinutes(5))));
        assertTrue(e.getMessage().startsWith("cannot record the CDS client token id"), e.getMessage());
    }
}
