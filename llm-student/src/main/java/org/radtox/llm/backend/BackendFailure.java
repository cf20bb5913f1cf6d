package org.radtox.llm.backend;

/** A model call that did not give an answer, by kind, with a message an operator can act on. */
public final class BackendFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** Nothing listens at the base URL, or the host is unknown. */
        UNREACHABLE(false, true),
        /** No answer within the timeout. */
        TIMEOUT(false, true),
        /** 429: the server asks us to slow down. */
        RATE_LIMITED(true, true),
        /** 5xx. */
        SERVER_ERROR(true, true),
        /** 401 / 403: a missing, wrong or expired API key. */
        AUTHENTICATION(false, true),
        /** 404 for the model: a wrong model or adapter name, or a model not pulled. */
        MODEL_NOT_FOUND(false, true),
        /** Another 4xx, e.g. a request over the context window: about this request, not the server. */
        REJECTED(false, false),
        /** The circuit breaker is open after repeated failures: the server is not asked at all. */
        CIRCUIT_OPEN(false, false);

        private final boolean retryable;
        private final boolean countsAgainstServer;

        Kind(boolean retryable, boolean countsAgainstServer) {
            this.retryable = retryable;
            this.countsAgainstServer = countsAgainstServer;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Kind kind;

    public BackendFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Worth another try after a pause (429, 5xx). */
    public boolean retryable() {
        return kind.retryable;
    }

    /** Says something about the server's health, so the circuit breaker counts it. */
    public boolean countsAgainstServer() {
        return kind.countsAgainstServer;
    }
}
