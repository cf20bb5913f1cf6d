package org.radtox.server.fhir;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.radtox.server.health.Check;
import org.radtox.server.health.Readiness;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: 200 while no readiness check is DOWN (a
 * DEGRADED check still takes traffic), 503 otherwise; either way the body names each check with its status and
 * message, so a load balancer sends traffic only to a node that can take it and an operator sees why not.
 */
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final transient Readiness readiness;

    public HealthServlet(Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        switch (path) {
            case "/live" -> resp.getWriter().write("{\"status\":\"UP\"}");
            case "/ready" -> {
                Readiness.Report report = readiness.current();
                resp.setStatus(report.ready() ? 200 : 503);
                JSON.writeValue(resp.getWriter(), body(report.status(), report.checks()));
            }
            default -> resp.sendError(404, "try /health/live or /health/ready");
        }
    }

    static Map<String, Object> body(Check.Status status, List<Check.Result> checks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.name());
        body.put("checks", checks.stream().map(c -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", c.name());
            one.put("status", c.status().name());
            one.put("message", c.message());
            return one;
        }).toList());
        return body;
    }
}
