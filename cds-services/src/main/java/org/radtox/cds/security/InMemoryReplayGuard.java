package org.radtox.cds.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Remembers token ids in this process only: for a single node, and for tests. Nodes behind one load
 * balancer share a {@link DatabaseReplayGuard} instead, or a token replayed on another node would pass.
 */
final class InMemoryReplayGuard implements ReplayGuard {

    /** Far above any real rate of CDS calls within a token's lifetime. */
    private static final long MAX_REMEMBERED = 2_000_000;

    private final Clock clock;
    private final Cache<String, Instant> seen;

    InMemoryReplayGuard(Clock clock) {
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

    @Override
    public boolean firstUse(String issuer, String jti, Instant until) {
        if (!until.isAfter(clock.instant())) {
            return true;
        }
        String id = issuer + '\n' + jti;
        Instant earlier = seen.asMap().putIfAbsent(id, until);
        if (earlier == null) {
            return true;
        }
        // Caffeine evicts on its own ticker; whether the earlier token has expired is the clock's to say. Only one
        // of two callers racing to reuse an expired id can replace it.
        return !earlier.isAfter(clock.instant()) && seen.asMap().replace(id, earlier, until);
    }
}
