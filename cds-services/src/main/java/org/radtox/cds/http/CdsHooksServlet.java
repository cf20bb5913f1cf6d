package org.radtox.cds.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.radtox.cds.CdsProblem;
import org.radtox.cds.CdsSettings;
import org.radtox.cds.cards.CardLinks;
import org.radtox.cds.cards.WrittenCards;
import org.radtox.cds.discovery.ServiceDefinition;
import org.radtox.cds.discovery.ToxicityServices;
import org.radtox.cds.feedback.FeedbackReader;
import org.radtox.cds.feedback.FeedbackStore;
import org.radtox.cds.invocation.CdsRequest;
import org.radtox.cds.invocation.CdsRequestReader;
import org.radtox.cds.invocation.Deadline;
import org.radtox.cds.invocation.ToxicityService;
import org.radtox.cds.security.CdsClientVerifier;
import org.radtox.cds.security.UntrustedClientException;

/**
 * The CDS Hooks 2.0 HTTP API, mounted at {@code /cds-services/*}:
 * <ul>
 *   <li>{@code GET /cds-services}: discovery;</li>
 *   <li>{@code POST /cds-services/{id}}: a hook call, answered with cards;</li>
 *   <li>{@code POST /cds-services/{id}/feedback}: what the clinician did with them;</li>
 *   <li>{@code OPTIONS} anywhere: CORS preflight.</li>
 * </ul>
 * Every call but a preflight must carry a CDS client JWT for exactly its URL (unless demo mode is on). Every
 * error is an OperationOutcome with the status CDS Hooks and HTTP call for.
 */
public final class CdsHooksServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(CdsHooksServlet.class);
    private static final String FEEDBACK = "/feedback";
    /** How many notes were left unread at the deadline. */
    public static final String NOTES_UNREAD_HEADER = "RadTox-Notes-Unread";

    /** Said in discovery's descriptions when the JWT check is off. */
    public static final String DEMO_WARNING = "DEMO MODE: this RadTox does not check CDS client JWTs; never use it with"
            + " real patients. ";

    private final transient CdsSettings settings;
    private final transient CdsClientVerifier verifier;
    private final transient ToxicityService toxicity;
    private final transient FeedbackStore feedback;
    private final transient ObjectMapper json;
    private final transient CdsRequestReader requests;
    private final transient FeedbackReader feedbackReader;
    private final transient OperationOutcomes outcomes;
    private final transient Cors cors;
    private final transient Clock clock;

    /** @param verifier {@code null} only in demo mode */
    public CdsHooksServlet(CdsSettings settings, CdsClientVerifier verifier, ToxicityService toxicity, FeedbackStore feedback,
            FhirContext fhir, ObjectMapper json, Clock clock) {
        if (verifier == null && !settings.demoOpen()) {
            throw new IllegalArgumentException("a CDS client verifier is required unless demo mode is on");
        }
        this.settings = settings;
        this.verifier = verifier;
        this.toxicity = toxicity;
        this.feedback = feedback;
        this.json = json;
        this.requests = new CdsRequestReader(json);
        this.feedbackReader = new FeedbackReader(json);
        this.outcomes = new OperationOutcomes(fhir);
        this.cors = new Cors(settings.corsOrigins());
        this.clock = clock;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Deadline deadline = Deadline.after(settings.deadline());
        resp.setHeader("Cache-Control", "no-store");
        if (req.getMethod().equals("OPTIONS")) {
            cors.preflight(req, resp);
            return;
        }
        cors.decorate(req, resp);
        String path = req.getPathInfo() == null || req.getPathInfo().equals("/") ? "" : req.getPathInfo();
        try {
            if (!settings.demoOpen()) {
                verifier.verify(req.getHeader("Authorization"), endpointUrl(req, path));
            }
            if (path.isEmpty()) {
                requireMethod(req, "GET");
                discovery(resp);
                return;
            }
            boolean isFeedback = path.endsWith(FEEDBACK);
            String id = (isFeedback ? path.substring(0, path.length() - FEEDBACK.length()) : path).substring(1);
            ServiceDefinition service = ToxicityServices.byId(id).orElseThrow(() -> new CdsProblem(404, "not-found",
                    "no CDS service '" + id + "' here; GET " + base(req) + "/cds-services lists them"));
            requireMethod(req, "POST");
            byte[] body = body(req);
            if (isFeedback) {
                feedback(service, body, resp);
            } else {
                invoke(service, body, req, resp, deadline);
            }
        } catch (UntrustedClientException e) {
            log.warn("CDS call to {} refused: {}", req.getRequestURI(), e.getMessage());
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"radtox-cds\"");
            outcomes.send(resp, 401, "login", "RadTox: " + e.getMessage());
        } catch (CdsProblem e) {
            outcomes.send(resp, e.status(), e.issueType(), "RadTox: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("CDS call to {} failed", req.getRequestURI(), e);
            outcomes.send(resp, 500, "exception", "RadTox: an internal error (logged); the call can be repeated");
        }
    }

    private void discovery(HttpServletResponse resp) throws IOException {
        ObjectNode root = json.createObjectNode();
        ArrayNode services = root.putArray("services");
        for (ServiceDefinition s : ToxicityServices.all()) {
            ObjectNode o = services.addObject();
            o.put("hook", s.hook().id());
            o.put("title", s.title());
            o.put("description", (settings.demoOpen() ? DEMO_WARNING : "") + s.description());
            o.put("id", s.id());
            ObjectNode prefetch = o.putObject("prefetch");
            s.prefetch().forEach(prefetch::put);
        }
        writeJson(resp, 200, root);
    }

    private void invoke(ServiceDefinition service, byte[] body, HttpServletRequest req, HttpServletResponse resp, Deadline deadline)
            throws CdsProblem, IOException {
        CdsRequest request = requests.read(body, service);
        WrittenCards written = toxicity.answer(service, request, new CardLinks(base(req), settings.smartLaunchUrl()), deadline);
        // For operators and load tests; CDS clients ignore it (the cards' detail says it in words).
        resp.setHeader(NOTES_UNREAD_HEADER, Integer.toString(written.notesUnread()));
        writeJson(resp, 200, Map.of("cards", written.cards()));
    }

    private void feedback(ServiceDefinition service, byte[] body, HttpServletResponse resp) throws CdsProblem, IOException {
        FeedbackReader.Result result = feedbackReader.read(body);
        try {
            feedback.recordFeedback(service.id(), result.accepted(), clock.instant());
        } catch (SQLException e) {
            log.error("CDS feedback for {} could not be stored", service.id(), e);
            throw new CdsProblem(503, "transient", "the feedback could not be stored now; send it again");
        }
        if (!result.problems().isEmpty()) {
            List<String> issues = new ArrayList<>(result.problems());
            issues.add(result.accepted().size() + " other feedback entries were stored");
            outcomes.send(resp, 400, "invalid", issues);
            return;
        }
        resp.setStatus(200);
    }

    private byte[] body(HttpServletRequest req) throws CdsProblem, IOException {
        long limit = settings.prefetchMaxBytes();
        if (req.getContentLengthLong() > limit) {
            throw tooLarge(req.getContentLengthLong());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, (int) Math.min(limit, Math.max(0, req.getContentLengthLong()))));
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        try (InputStream in = req.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    throw tooLarge(total);
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private CdsProblem tooLarge(long bytes) {
        return new CdsProblem(413, "too-long", "the request is " + (bytes > settings.prefetchMaxBytes() ? "over " : "")
                + settings.prefetchMaxBytes() + " bytes, RadTox's limit for one hook call (cds.prefetch-max-bytes)");
    }

    private static void requireMethod(HttpServletRequest req, String method) throws CdsProblem {
        if (!req.getMethod().equals(method)) {
            throw new CdsProblem(405, "not-supported", req.getMethod() + " is not allowed here; use " + method);
        }
    }

    private void writeJson(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        json.writeValue(resp.getOutputStream(), body);
    }

    /** RadTox's base URL as clients reach it: configured, or this request's scheme, host and port. */
    private String base(HttpServletRequest req) {
        return Optional.ofNullable(settings.publicBaseUrl()).map(Object::toString).orElseGet(() -> {
            StringBuffer url = req.getRequestURL();
            String uri = req.getRequestURI();
            return url.substring(0, url.length() - uri.length()) + req.getContextPath();
        });
    }

    /** The exact URL called, which the JWT's {@code aud} must name: {@code {base}/cds-services[/{id}[/feedback]]}. */
    private String endpointUrl(HttpServletRequest req, String path) {
        return base(req) + req.getServletPath() + path;
    }
}
