package org.radtox.server.fhir;

import java.io.IOException;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServletResponse;

import org.radtox.server.security.AdminAccess;

/** Prometheus scrape endpoint: notes extracted, jobs by state, extraction latency, Observations written. */
final class MetricsServlet extends OperatorServlet {

    private static final long serialVersionUID = 1L;
    private final transient PrometheusMeterRegistry registry;

    MetricsServlet(PrometheusMeterRegistry registry, AdminAccess access) {
        super(access);
        this.registry = registry;
    }

    @Override
    void answer(HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
        resp.getWriter().write(registry.scrape());
    }
}
