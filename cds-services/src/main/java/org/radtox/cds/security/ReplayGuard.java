package org.radtox.cds.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Remembers each token id ({@code iss} + {@code jti}) until its token expires, so that a captured token
 * cannot be sent again. Per process: nodes behind one load balancer each keep their own memory.
 */
final class ReplayGuard {

    /** Far above any real rate of CDS calls within a token's lifetime. */
    private static final long MAX_REMEMBERED = 2_000_000;

    private final Clock clock;
    private final Cache<String, Instant> seen;

    ReplayGuard(Clock clock) {
        this.clock = clock;
        this.seen = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).expireAfter(new Expiry<String, Instant>() {
            @Override
            public long expireAfterCreate(String key, Instant until, long currentTime) {
                return Math.max(0, Duration.between(clock.instant(), until).toNanos());
            }

            @Override
            public long expireAfterUpdate(String key, Instant until, long currentTime, long currentDuration) {
                return currentDuration;
            }

            @Override
            public long expireAfterRead(String key, Instant until, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    /** Whether this is the first time the token id is seen; remembers it until {@code until}. */
    boolean firstUse(String issuer, String jti, Instant until) {
        if (!until.isAfter(clock.instant())) {
            return true;
        }
        return seen.asMap().putIfAbsent(issuer + '\n' + jti, until) == null;
    }
}
