package org.radtox.server.fhir;

import java.io.IOException;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationContext;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: the store answers too, so a load
 * balancer sends traffic only to a node that can take it.
 */
final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient ApplicationContext context;

    HealthServlet(ApplicationContext context) {
        this.context = context;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json");
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        switch (path) {
            case "/live" -> resp.getWriter().write("{\"status\":\"UP\"}");
            case "/ready" -> {
                try (var c = context.getBean(DataSource.class).getConnection()) {
                    boolean ok = c.isValid(2);
                    resp.setStatus(ok ? 200 : 503);
                    resp.getWriter().write(ok ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\",\"reason\":\"store does not answer\"}");
                } catch (Exception e) {
                    resp.setStatus(503);
                    resp.getWriter().write("{\"status\":\"DOWN\",\"reason\":\"store does not answer\"}");
                }
            }
            default -> resp.sendError(404, "try /health/live or /health/ready");
        }
    }
}
