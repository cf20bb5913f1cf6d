package org.radtox.llm.backend;

import java.time.Duration;

/**
 * How hard to try a model server: attempts with exponential backoff on 429 / 5xx, and a circuit breaker
 * that stops asking a server that keeps failing (and asks again, once, after {@code breakerOpenFor}).
 *
 * @param maxAttempts     attempts per call, the first included
 * @param firstBackoff    pause before the second attempt; doubles each time, with jitter, up to {@code maxBackoff}
 * @param breakerWindow   the last calls the breaker judges the failure rate on
 * @param breakerMinCalls calls before the breaker judges at all
 * @param breakerFailureRatePercent failure rate that opens it
 * @param breakerOpenFor  how long it stays open before one trial call
 */
public record Resilience(int maxAttempts, Duration firstBackoff, Duration maxBackoff, int breakerWindow,
                         int breakerMinCalls, float breakerFailureRatePercent, Duration breakerOpenFor) {

    public Resilience {
        if (maxAttempts < 1 || breakerWindow < 1 || breakerMinCalls < 1 || breakerFailureRatePercent <= 0
                || breakerFailureRatePercent > 100) {
            throw new IllegalArgumentException("resilience settings out of range");
        }
    }

    public static Resilience defaults() {
        return new Resilience(3, Duration.ofMillis(500), Duration.ofSeconds(8), 10, 5, 50f, Duration.ofSeconds(30));
    }

    public Resilience withBackoff(Duration first, Duration max) {
        return new Resilience(maxAttempts, first, max, breakerWindow, breakerMinCalls, breakerFailureRatePercent, breakerOpenFor);
    }

    public Resilience withBreaker(int window, int minCalls, float failureRatePercent, Duration openFor) {
        return new Resilience(maxAttempts, firstBackoff, maxBackoff, window, minCalls, failureRatePercent, openFor);
    }
}
