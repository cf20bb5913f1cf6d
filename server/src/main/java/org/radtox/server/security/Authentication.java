package org.radtox.server.security;

import java.io.IOException;
import java.util.Optional;

import org.radtox.server.config.ServerSettings;

/**
 * How this server authenticates requests: the one {@link TokenVerifier} (one JWK source, one key cache)
 * that the FHIR API and the operator endpoints share, or none when the server runs open.
 */
public final class Authentication {

    private final TokenVerifier verifier;

    private Authentication(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    public static Authentication of(ServerSettings settings) throws IOException {
        ServerSettings.Auth auth = settings.auth();
        return new Authentication(auth == null ? null : TokenVerifier.of(auth.jwks(), auth.issuer(), auth.audience()));
    }

    public Optional<TokenVerifier> verifier() {
        return Optional.ofNullable(verifier);
    }
}
