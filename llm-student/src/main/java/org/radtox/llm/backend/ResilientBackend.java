package org.radtox.llm.backend;

import java.util.List;
import java.util.function.Supplier;

import dev.langchain4j.data.message.ChatMessage;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * Retries with exponential backoff on 429 and 5xx, and a circuit breaker over every attempt (resilience4j):
 * once a server keeps failing, calls fail at once with {@link BackendFailure.Kind#CIRCUIT_OPEN} and the
 * student falls back instead of waiting on a dead server note after note.
 */
public final class ResilientBackend implements ChatBackend {

    private final ChatBackend delegate;
    private final CircuitBreaker breaker;
    private final Retry retry;

    public ResilientBackend(ChatBackend delegate, Resilience r) {
        this.delegate = delegate;
        this.breaker = CircuitBreaker.of("model-server", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(r.breakerWindow())
                .minimumNumberOfCalls(r.breakerMinCalls())
                .failureRateThreshold(r.breakerFailureRatePercent())
                .waitDurationInOpenState(r.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> e instanceof BackendFailure f && f.countsAgainstServer())
                .build());
        this.retry = Retry.of("model-server", RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(r.firstBackoff(), 2.0, 0.25, r.maxBackoff()))
                .retryOnException(e -> e instanceof BackendFailure f && f.retryable())
                .build());
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public String model() {
        return delegate.model();
    }

    /** Whether the breaker lets calls through now. */
    public boolean isOpen() {
        return breaker.getState() == CircuitBreaker.State.OPEN || breaker.getState() == CircuitBreaker.State.FORCED_OPEN;
    }

    @Override
    public ModelReply chat(List<ChatMessage> messages) {
        Supplier<ModelReply> guarded = CircuitBreaker.decorateSupplier(breaker, () -> delegate.chat(messages));
        try {
            return Retry.decorateSupplier(retry, guarded).get();
        } catch (CallNotPermittedException e) {
            throw new BackendFailure(BackendFailure.Kind.CIRCUIT_OPEN, delegate.describe()
                    + " is not asked: its circuit breaker is open after repeated failures", e);
        }
    }
}
