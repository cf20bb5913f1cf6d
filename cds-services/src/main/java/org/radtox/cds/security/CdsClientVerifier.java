package org.radtox.cds.security;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Checks the JWT a CDS Client sends with every call, as CDS Hooks 2.0 ("Trusting CDS Clients") asks: signed
 * with ES384 or RS384 (never {@code none}, never a shared-secret HMAC), by an issuer on the allowlist, with
 * the key its {@code kid} names in that issuer's JWK Set (or in the JWK Set at {@code jku}, only when that
 * URL is allowlisted), for exactly the endpoint called ({@code aud}), not expired and not issued in the
 * future (within a small clock skew), and never seen before ({@code jti}).
 *
 * <p>This is not the server's SMART bearer-token check: a CDS Client authenticates itself per call with a
 * fresh, self-issued token bound to one URL, where a SMART client presents one access token with scopes.
 *
 * <p>Thread-safe. Remote JWK Sets are fetched and cached by nimbus (short timeouts, rate-limited refresh).
 */
public final class CdsClientVerifier {

    /** What CDS Hooks 2.0 recommends; anything else is refused. */
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);

    /**
     * A CDS Client's token lives for minutes; one valid for longer is refused, which also bounds how long the
     * replay guard must remember its {@code jti}.
     */
    public static final Duration MAX_REMAINING_LIFETIME = Duration.ofHours(1);

    private static final int JWKS_TIMEOUT_MS = 2_000;
    private static final int JWKS_MAX_BYTES = 512 * 1024;

    private final TrustedClients trust;
    private final Clock clock;
    private final Map<String, JWKSource<SecurityContext>> issuerKeys = new LinkedHashMap<>();
    private final Map<URI, JWKSource<SecurityContext>> jkuKeys = new ConcurrentHashMap<>();
    private final ReplayGuard replays;
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

    /**
     * @throws IOException when a configured JWK Set file cannot be read (a URL is fetched on first use)
     */
    public CdsClientVerifier(TrustedClients trust, Clock clock) throws IOException {
        this(trust, clock, ReplayGuard.inMemory(clock));
    }

    /**
     * @param replays where token ids are remembered: {@link ReplayGuard#shared} when several nodes serve the
     *                same EHRs
     * @throws IOException when a configured JWK Set file cannot be read (a URL is fetched on first use)
     */
    public CdsClientVerifier(TrustedClients trust, Clock clock, ReplayGuard replays) throws IOException {
        this.trust = trust;
        this.clock = clock;
        this.replays = replays;
        for (Map.Entry<String, String> issuer : trust.issuers().entrySet()) {
            if (issuer.getValue() != null) {
                issuerKeys.put(issuer.getKey(), source(issuer.getValue()));
            }
        }
    }

    private static JWKSource<SecurityContext> source(String jwks) throws IOException {
        if (jwks.startsWith("https://") || jwks.startsWith("http://")) {
            return remote(URI.create(jwks));
        }
        try {
            return new ImmutableJWKSet<>(JWKSet.parse(Files.readString(Path.of(jwks))));
        } catch (ParseException e) {
            throw new IOException("the JWK Set in " + jwks + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static JWKSource<SecurityContext> remote(URI uri) {
        try {
            // nimbus's default of 500 ms to read a JWK Set is short for an EHR's identity server under load.
            return JWKSourceBuilder.create(uri.toURL(), new DefaultResourceRetriever(JWKS_TIMEOUT_MS, JWKS_TIMEOUT_MS,
                    JWKS_MAX_BYTES)).retrying(false).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a JWK Set URL: " + uri, e);
        }
    }

    /**
     * @param authorization the {@code Authorization} header as received, may be {@code null}
     * @param endpointUrl   the absolute URL of the endpoint called, which {@code aud} must name exactly
     * @return who called
     * @throws UntrustedClientException with a reason safe to show the caller
     */
    public VerifiedClient verify(String authorization, String endpointUrl) throws UntrustedClientException {
        String token = bearer(authorization);
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            // An unsigned token (alg "none") does not parse as a JWS either.
            throw new UntrustedClientException("the bearer token is not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw new UntrustedClientException("the JWT is signed with " + header.getAlgorithm()
                    + "; CDS clients must sign with ES384 or RS384 (never none or a shared-secret HMAC)");
        }
        if (header.getKeyID() == null || header.getKeyID().isBlank()) {
            throw new UntrustedClientException("the JWT header has no kid naming the signing key");
        }
        String issuer = claims.getIssuer();
        if (issuer == null || !trust.issuers().containsKey(issuer)) {
            throw new UntrustedClientException("issuer '" + issuer + "' is not a trusted CDS client");
        }
        verifySignature(jwt, header, keySource(issuer, header));
        verifyClaims(claims, endpointUrl);
        return new VerifiedClient(issuer, claims.getSubject(), stringClaim(claims, "tenant"), claims.getJWTID());
    }

    private JWKSource<SecurityContext> keySource(String issuer, JWSHeader header) throws UntrustedClientException {
        URI jku = header.getJWKURL();
        if (jku != null) {
            if (!trust.jkuAllowlist().contains(jku)) {
                throw new UntrustedClientException("the JWT's jku " + jku + " is not on the allowlist");
            }
            return jkuKeys.computeIfAbsent(jku, CdsClientVerifier::remote);
        }
        JWKSource<SecurityContext> keys = issuerKeys.get(issuer);
        if (keys == null) {
            throw new UntrustedClientException("no keys are configured for issuer '" + issuer + "' and the JWT names no jku");
        }
        return keys;
    }

    private void verifySignature(SignedJWT jwt, JWSHeader header, JWKSource<SecurityContext> keys)
            throws UntrustedClientException {
        List<JWK> candidates;
        try {
            candidates = keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
        } catch (KeySourceException e) {
            throw new UntrustedClientException("the JWK Set could not be retrieved: " + e.getMessage());
        }
        if (candidates.isEmpty()) {
            throw new UntrustedClientException("no " + header.getAlgorithm() + " key with kid '" + header.getKeyID()
                    + "' in the issuer's JWK Set");
        }
        for (JWK jwk : candidates) {
            try {
                Key key = ((AsymmetricJWK) jwk).toPublicKey();
                if (jwt.verify(verifiers.createJWSVerifier(header, key))) {
                    return;
                }
            } catch (JOSEException | ClassCastException e) {
                // A key of the wrong kind for the algorithm: try the next, refuse if none verifies.
            }
        }
        throw new UntrustedClientException("the JWT signature does not verify with key '" + header.getKeyID() + "'");
    }

    private void verifyClaims(JWTClaimsSet claims, String endpointUrl) throws UntrustedClientException {
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(endpointUrl)) {
            throw new UntrustedClientException("the JWT's aud " + audience + " is not this endpoint (" + endpointUrl + ")");
        }
        Instant now = clock.instant();
        Duration skew = trust.clockSkew();
        if (claims.getExpirationTime() == null) {
            throw new UntrustedClientException("the JWT has no exp");
        }
        Instant exp = claims.getExpirationTime().toInstant();
        if (!now.isBefore(exp.plus(skew))) {
            throw new UntrustedClientException("the JWT expired at " + exp);
        }
        if (exp.isAfter(now.plus(MAX_REMAINING_LIFETIME))) {
            throw new UntrustedClientException("the JWT is valid until " + exp + "; CDS client tokens must expire within "
                    + MAX_REMAINING_LIFETIME.toMinutes() + " minutes");
        }
        if (claims.getIssueTime() == null) {
            throw new UntrustedClientException("the JWT has no iat");
        }
        if (claims.getIssueTime().toInstant().isAfter(now.plus(skew))) {
            throw new UntrustedClientException("the JWT was issued in the future (iat " + claims.getIssueTime().toInstant() + ")");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw new UntrustedClientException("the JWT has no jti");
        }
        // Last, so that only a token that passed every other check can take its jti.
        if (!replays.firstUse(claims.getIssuer(), jti, exp.plus(skew))) {
            throw new UntrustedClientException("the JWT's jti was used before (replay)");
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        return v instanceof String s ? s : null;
    }

    /** The token of an {@code Authorization: Bearer <token>} header. */
    static String bearer(String authorization) throws UntrustedClientException {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            throw new UntrustedClientException("a CDS client JWT is required (Authorization: Bearer <JWT>)");
        }
        return authorization.substring(7).trim();
    }
}
