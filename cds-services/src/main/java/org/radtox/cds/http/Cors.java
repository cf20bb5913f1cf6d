package org.radtox.cds.http;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Cross-origin access for browser-based CDS clients. Calls carry a bearer JWT, never cookies, so no credentials
 * are allowed; the origins are configuration ({@code *} for any, or a list).
 */
final class Cors {

    private final List<String> origins;

    Cors(List<String> origins) {
        this.origins = origins;
    }

    /** Adds the CORS headers when the request comes from an allowed origin. */
    void decorate(HttpServletRequest req, HttpServletResponse resp) {
        String origin = req.getHeader("Origin");
        if (origin == null || origins.isEmpty()) {
            return;
        }
        if (origins.contains("*")) {
            resp.setHeader("Access-Control-Allow-Origin", "*");
        } else if (origins.contains(origin)) {
            resp.setHeader("Access-Control-Allow-Origin", origin);
            resp.addHeader("Vary", "Origin");
        } else {
            return;
        }
        resp.setHeader("Access-Control-Expose-Headers", "Content-Type, RadTox-Notes-Unread");
    }

    /** Answers a preflight request (no JWT: browsers send none on preflight). */
    void preflight(HttpServletRequest req, HttpServletResponse resp) {
        decorate(req, resp);
        if (resp.getHeader("Access-Control-Allow-Origin") != null) {
            resp.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            resp.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
            resp.setHeader("Access-Control-Max-Age", "600");
        }
        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
