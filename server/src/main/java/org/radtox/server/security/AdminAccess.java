package org.radtox.server.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Access to RadTox's own operator endpoints ({@code /admin/*}, {@code /metrics}): when bearer tokens are
 * required, the same tokens with the scope {@code system/radtox.admin} (or {@code system/*.read}).
 */
public final class AdminAccess {

    private final TokenVerifier verifier;

    /** @param verifier {@code null} when the server runs open (loopback only) */
    public AdminAccess(TokenVerifier verifier) {
        this.verifier = verifier;
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
            if (scopes.contains("system/radtox.admin") || AccessPolicy.allows(scopes, "*", AccessPolicy.Access.READ)) {
                return true;
            }
            resp.sendError(403, "needs the scope system/radtox.admin");
        } catch (TokenVerifier.InvalidTokenException e) {
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"radtox\"");
            resp.sendError(401, e.getMessage());
        }
        return false;
    }
}
