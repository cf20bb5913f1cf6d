package org.radtox.server.fhir;

import java.io.IOException;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Prometheus scrape endpoint: notes ingested, jobs by state, extraction latency, Observations written. */
final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient PrometheusMeterRegistry registry;
    private final transient org.radtox.server.security.AdminAccess access;

    MetricsServlet(PrometheusMeterRegistry registry, org.radtox.server.security.AdminAccess access) {
        this.registry = registry;
        this.access = access;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!access.allow(req, resp)) {
            return;
        }
        resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
        resp.getWriter().write(registry.scrape());
    }
}
