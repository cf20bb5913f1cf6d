package org.radtox.cds.security;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which CDS Clients RadTox answers: the issuers ({@code iss}) it trusts, each with the JWK Set its keys are
 * published in (a file or a URL, configured out of band as CDS Hooks allows), the JWK Set URLs a token may
 * name in its {@code jku} header, and the clock skew tolerated on {@code exp} and {@code iat}.
 *
 * @param issuers      trusted {@code iss} values; the JWK Set location may be {@code null} when that issuer's
 *                     keys come only from an allowlisted {@code jku}
 * @param jkuAllowlist JWK Set URLs a token may point at with {@code jku}; any other {@code jku} is refused
 * @param clockSkew    tolerance for clocks that disagree a little
 */
public record TrustedClients(Map<String, String> issuers, Set<URI> jkuAllowlist, Duration clockSkew) {

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    public TrustedClients {
        issuers = Collections.unmodifiableMap(new LinkedHashMap<>(issuers));
        jkuAllowlist = Set.copyOf(jkuAllowlist);
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("clock skew must be 0..300 seconds, not " + clockSkew.toSeconds());
        }
    }

    /** Nobody: every call is refused (unless the service runs in demo mode). */
    public static TrustedClients none() {
        return new TrustedClients(Map.of(), Set.of(), DEFAULT_CLOCK_SKEW);
    }

    /**
     * From configuration text.
     *
     * @param issuers comma-separated entries {@code ISS [JWKS]}: the issuer, then (after a space) the JWK Set
     *                file or URL holding its keys; e.g. {@code https://ehr.example.org https://ehr.example.org/jwks.json}
     * @param jkus    comma-separated JWK Set URLs that tokens may name in {@code jku}
     */
    public static TrustedClients parse(String issuers, String jkus, Duration clockSkew) {
        Map<String, String> byIssuer = new LinkedHashMap<>();
        for (String entry : split(issuers)) {
            String[] parts = entry.trim().split("\\s+");
            if (parts.length > 2) {
                throw new IllegalArgumentException("cds.jwt.issuers entry '" + entry + "' must be 'ISSUER' or 'ISSUER JWKS'");
            }
            if (byIssuer.put(parts[0], parts.length == 2 ? parts[1] : null) != null) {
                throw new IllegalArgumentException("cds.jwt.issuers names issuer '" + parts[0] + "' twice");
            }
        }
        Set<URI> allow = new LinkedHashSet<>();
        for (String jku : split(jkus)) {
            URI uri = URI.create(jku.trim());
            if (!uri.isAbsolute() || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new IllegalArgumentException("cds.jwt.jku-allowlist entry '" + jku + "' must be an http(s) URL");
            }
            allow.add(uri);
        }
        return new TrustedClients(byIssuer, allow, clockSkew);
    }

    private static Set<String> split(String list) {
        Set<String> out = new LinkedHashSet<>();
        if (list != null) {
            for (String s : list.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    public boolean isEmpty() {
        return issuers.isEmpty();
    }
}
