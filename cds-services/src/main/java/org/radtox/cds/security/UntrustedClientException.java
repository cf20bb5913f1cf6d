package org.radtox.cds.security;

/** A call whose JWT does not pass; the message says why and names no secret (HTTP 401). */
public final class UntrustedClientException extends Exception {

    private static final long serialVersionUID = 1L;

    public UntrustedClientException(String reason) {
        super(reason);
    }
}
