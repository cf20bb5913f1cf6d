package org.radtox.cds.http;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.radtox.cds.cards.IssuedCard;
import org.radtox.cds.feedback.FeedbackRecord;
import org.radtox.cds.feedback.FeedbackStore;
import org.radtox.cds.feedback.GoldCandidates;

/**
 * Clinician feedback for reviewers, behind the server's operator access:
 * <ul>
 *   <li>{@code GET {mount}}: the latest feedback as JSON, each entry with its card and findings
 *       ({@code ?limit=N}, default 500);</li>
 *   <li>{@code GET {mount}/gold.jsonl}: candidate gold-set lines (FORMATS.md), flagged as clinician feedback.</li>
 * </ul>
 */
public final class FeedbackReportServlet extends HttpServlet {

    /** The server's operator check: lets the request through, or has answered 401 / 403 itself. */
    @FunctionalInterface
    public interface AccessCheck {
        boolean allow(HttpServletRequest req, HttpServletResponse resp) throws IOException;
    }

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(FeedbackReportServlet.class);
    private static final int MAX_LIMIT = 100_000;

    private final transient FeedbackStore store;
    private final transient GoldCandidates gold;
    private final transient AccessCheck access;
    private final transient ObjectMapper json;

    public FeedbackReportServlet(FeedbackStore store, GoldCandidates gold, AccessCheck access, ObjectMapper json) {
        this.store = store;
        this.gold = gold;
        this.access = access;
        this.json = json;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!access.allow(req, resp)) {
            return;
        }
        resp.setHeader("Cache-Control", "no-store");
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        try {
            switch (path) {
                case "", "/" -> list(req, resp);
                case "/gold.jsonl" -> gold(resp);
                default -> resp.sendError(404, "try this path, or gold.jsonl under it");
            }
        } catch (SQLException e) {
            log.error("CDS feedback report failed", e);
            resp.sendError(503, "the feedback store does not answer");
        } catch (NumberFormatException e) {
            resp.sendError(400, "limit must be a whole number");
        }
    }

    private void list(HttpServletRequest req, HttpServletResponse resp) throws IOException, SQLException {
        int limit = req.getParameter("limit") == null ? 500 : Math.min(MAX_LIMIT, Math.max(1, Integer.parseInt(req.getParameter("limit"))));
        ObjectNode root = json.createObjectNode();
        ArrayNode entries = root.putArray("feedback");
        for (FeedbackRecord r : store.list(limit)) {
            ObjectNode e = entries.addObject();
            e.put("card", r.feedback().card());
            e.put("service", r.serviceId());
            e.put("outcome", r.feedback().outcome().code());
            e.set("acceptedSuggestions", json.valueToTree(r.feedback().acceptedSuggestions()));
            if (r.feedback().overrideReason() != null) {
                e.set("overrideReason", json.valueToTree(r.feedback().overrideReason()));
            }
            e.put("outcomeTimestamp", r.feedback().outcomeTimestamp().toString());
            e.put("receivedAt", r.receivedAt().toString());
            e.put("cardKnown", r.cardKnown());
            if (r.cardKnown()) {
                e.put("patientId", r.patientId());
                e.put("student", r.studentVersion());
                e.put("indicator", r.indicator());
                e.put("summary", r.summary());
                e.put("hookInstance", r.hookInstance());
                ArrayNode findings = e.putArray("findings");
                for (IssuedCard.Finding f : r.findings()) {
                    findings.add(json.valueToTree(f));
                }
            }
        }
        resp.setContentType("application/json;charset=utf-8");
        json.writerWithDefaultPrettyPrinter().writeValue(resp.getOutputStream(), root);
    }

    private void gold(HttpServletResponse resp) throws IOException, SQLException {
        List<ObjectNode> lines = gold.lines(store.list(MAX_LIMIT), store);
        resp.setContentType("application/x-ndjson;charset=utf-8");
        resp.setHeader("Content-Disposition", "attachment; filename=\"clinician-feedback.jsonl\"");
        Writer w = new java.io.OutputStreamWriter(resp.getOutputStream(), StandardCharsets.UTF_8);
        for (ObjectNode line : lines) {
            w.write(json.writeValueAsString(line));
            w.write('\n');
        }
        w.flush();
    }
}
