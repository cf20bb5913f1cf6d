package org.radtox.server.security;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Verifies a bearer JWT: signature against the JWK Set (a file, or a URL fetched and cached by nimbus),
 * expiry, issuer and audience; returns the token's scopes. Any failure is one
 * {@link InvalidTokenException} with a reason safe to show the client.
 */
public final class TokenVerifier {

    /** A token that does not pass, with a reason that names no secret. */
    public static final class InvalidTokenException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidTokenException(String reason) {
            super(reason);
        }
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    private TokenVerifier(JWKSource<SecurityContext> keys, String issuer, String audience) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
                JWSAlgorithm.ES256, JWSAlgorithm.ES384), keys));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (issuer != null) {
            exact.issuer(issuer);
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience, exact.build(), new HashSet<>(List.of("exp"))));
    }

    /** @param jwks a JWK Set file path or an https/http URL */
    public static TokenVerifier of(String jwks, String issuer, String audience) throws IOException {
        JWKSource<SecurityContext> keys;
        if (jwks.startsWith("http://") || jwks.startsWith("https://")) {
            keys = JWKSourceBuilder.create(URI.create(jwks).toURL()).build();
        } else {
            try {
                keys = new ImmutableJWKSet<>(JWKSet.parse(Files.readString(Path.of(jwks))));
            } catch (ParseException e) {
                throw new IOException("the JWK Set in " + jwks + " cannot be read: " + e.getMessage(), e);
            }
        }
        return new TokenVerifier(keys, issuer, audience);
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or {@code null} when there is none. */
    public static String bearer(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorizationHeader.substring(7).trim();
    }

    public Set<String> scopes(String token) throws InvalidTokenException {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            Object scope = claims.getClaim("scope");
            Set<String> scopes = new LinkedHashSet<>();
            if (scope instanceof String s) {
                scopes.addAll(List.of(s.trim().split("\\s+")));
            } else if (scope instanceof List<?> list) {
                list.forEach(x -> scopes.add(String.valueOf(x)));
            }
            return scopes;
        } catch (ParseException e) {
            throw new InvalidTokenException("the bearer token is not a JWT");
        } catch (BadJOSEException e) {
            throw new InvalidTokenException("the bearer token was refused: " + e.getMessage());
        } catch (JOSEException e) {
            throw new InvalidTokenException("the bearer token could not be verified");
        }
    }
}
