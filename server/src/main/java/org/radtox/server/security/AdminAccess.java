package org.radtox.server.security;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Access to RadTox's own operator endpoints ({@code /admin/*}, {@code /metrics}): when bearer tokens are
 * required, the same tokens with the scope {@code system/radtox.admin} (or {@code system/*.read}).
 */
public final class AdminAccess {

    private final TokenVerifier verifier;
    private final Predicate<Set<String>> allowed;
    private final String needs;

    /** @param verifier {@code null} when the server runs open (loopback only) */
    public AdminAccess(TokenVerifier verifier) {
        this(verifier, scopes -> scopes.contains("system/radtox.admin") || AccessPolicy.allows(scopes, "*", AccessPolicy.Access.READ),
                "system/radtox.admin");
    }

    private AdminAccess(TokenVerifier verifier, Predicate<Set<String>> allowed, String needs) {
        this.verifier = verifier;
        this.allowed = allowed;
        this.needs = needs;
    }

    /**
     * Access to endpoints that show, in other shapes, what the FHIR API serves (the dashboard): the same
     * tokens, with the scopes that would let the caller read these types through {@code /fhir}.
     */
    public static AdminAccess readingAll(TokenVerifier verifier, String... resourceTypes) {
        return new AdminAccess(verifier, scopes -> Arrays.stream(resourceTypes)
                .allMatch(type -> AccessPolicy.allows(scopes, type, AccessPolicy.Access.READ)),
                String.join(" and ", Arrays.stream(resourceTypes).map(t -> "system/" + t + ".read").toList()));
    }

    /** Whether the request may proceed; if not, the response has been sent (401 or 403). */
    public boolean allow(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (verifier == null) {
            return true;
        }
        String token = TokenVerifier.bearer(req.getHeader("Authorization"));
        if (token == null) {
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"radtox\"");
            resp.sendError(401, "a bearer token is required");
            return false;
        }
        try {
            var scopes = verifier.scopes(token);
            if (allowed.test(scopes)) {
                return true;
            }
            resp.sendError(403, "needs the scope " + needs);
        } catch (TokenVerifier.InvalidTokenException e) {
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"radtox\"");
            resp.sendError(401, e.getMessage());
        }
        return false;
    }
}
