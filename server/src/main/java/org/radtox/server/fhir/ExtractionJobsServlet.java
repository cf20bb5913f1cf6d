package org.radtox.server.fhir;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.radtox.server.extraction.ExtractionQueue;

/**
 * {@code GET /admin/extraction}: jobs by state and the latest failures with their reasons, so that an
 * operator can see which notes could not be read and why.
 */
final class ExtractionJobsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final transient ExtractionQueue queue;
    private final transient org.radtox.server.security.AdminAccess access;

    ExtractionJobsServlet(ExtractionQueue queue, org.radtox.server.security.AdminAccess access) {
        this.queue = queue;
        this.access = access;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!access.allow(req, resp)) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        queue.counts().forEach((k, v) -> counts.put(k.name().toLowerCase(), v));
        body.put("jobs", counts);
        body.put("failures", queue.failures(100));
        resp.setContentType("application/json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(resp.getWriter(), body);
    }
}
