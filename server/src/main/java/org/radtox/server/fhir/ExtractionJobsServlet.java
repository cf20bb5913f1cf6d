package org.radtox.server.fhir;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;

import org.radtox.server.extraction.ExtractionQueue;
import org.radtox.server.security.AdminAccess;

/**
 * {@code GET /admin/extraction}: jobs by state and the latest failures with their reasons, so that an
 * operator can see which notes could not be read and why.
 */
final class ExtractionJobsServlet extends OperatorServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final transient ExtractionQueue queue;

    ExtractionJobsServlet(ExtractionQueue queue, AdminAccess access) {
        super(access);
        this.queue = queue;
    }

    @Override
    void answer(HttpServletResponse resp) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        queue.counts().forEach((k, v) -> counts.put(k.name().toLowerCase(), v));
        body.put("jobs", counts);
        body.put("failures", queue.failures(100));
        resp.setContentType("application/json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(resp.getWriter(), body);
    }
}
