package org.radtox.server.dashboard.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.radtox.server.security.AdminAccess;

/**
 * The dashboard's JSON API at {@code /api/dashboard/*} (docs/DASHBOARD.md): cohort aggregates, findings,
 * a patient's findings, a note with its evidence, student versions and feedback, and the CSV export. Every
 * answer is JSON; a request the API refuses is a 4xx with {@code {"error": "..."}} that the page shows as
 * it is, and a failure inside is a 500 with a message and no stack trace.
 */
public final class DashboardApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DashboardApiServlet.class);
    static final int MAX_PAGE = 500;

    private final transient CohortQueries cohort;
    private final transient FeedbackRates feedback;
    private final transient NoteTexts notes;
    private final transient AdminAccess findingsAccess;
    private final transient AdminAccess noteAccess;
    private final transient org.radtox.student.symptoms.SymptomSet symptoms;
    private final transient ObjectMapper json = new ObjectMapper();

    public DashboardApiServlet(CohortQueries cohort, FeedbackRates feedback, NoteTexts notes,
            org.radtox.student.symptoms.SymptomSet symptoms, AdminAccess findingsAccess, AdminAccess noteAccess) {
        this.cohort = cohort;
        this.feedback = feedback;
        this.notes = notes;
        this.symptoms = symptoms;
        this.findingsAccess = findingsAccess;
        this.noteAccess = noteAccess;
    }

    /** A 404 with its message. */
    private static final class NotFound extends Exception {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        List<String> parts = List.of(path.replaceAll("^/+|/+$", "").split("/"));
        boolean noteText = parts.get(0).equals("notes");
        if (!(noteText ? noteAccess : findingsAccess).allow(req, resp)) {
            return;
        }
        resp.setHeader("Cache-Control", "no-store");
        try {
            Map<String, String[]> params = req.getParameterMap();
            switch (parts.get(0)) {
                case "filters" -> send(resp, cohort.filterValues());
                case "overview" -> send(resp, cohort.overview(CohortFilter.parse(params, symptoms)));
                case "timeline" -> send(resp, cohort.timeline(CohortFilter.parse(params, symptoms), req.getParameter("by")));
                case "findings" -> send(resp, cohort.findings(CohortFilter.parse(params, symptoms),
                        number(req, "offset", 0, Integer.MAX_VALUE, 0), number(req, "limit", 1, MAX_PAGE, 100)));
                case "findings.csv" -> csv(CohortFilter.parse(params, symptoms), resp);
                case "patients" -> send(resp, patient(parts));
                case "notes" -> send(resp, note(parts));
                case "models" -> send(resp, models(req, CohortFilter.parse(params, symptoms)));
                default -> throw new NotFound("no dashboard API at " + path + "; see docs/DASHBOARD.md");
            }
        } catch (BadRequest e) {
            error(resp, 400, e.getMessage());
        } catch (NotFound e) {
            error(resp, 404, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("dashboard API {} failed", path, e);
            if (!resp.isCommitted()) {
                error(resp, 500, "the dashboard could not answer this request (" + e.getClass().getSimpleName()
                        + "); the server log has the details");
            }
        }
    }

    private Map<String, Object> patient(List<String> parts) throws NotFound, BadRequest {
        if (parts.size() != 2 || parts.get(1).isBlank()) {
            throw new BadRequest("name one patient: /api/dashboard/patients/{id}");
        }
        String id = parts.get(1);
        List<CohortQueries.Finding> findings = cohort.patient(id);
        if (findings.isEmpty()) {
            throw new NotFound("no findings for patient '" + id + "': the patient is unknown here, or none of their notes has been read yet");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("patientId", id);
        out.put("fhir", Map.of("patient", "/fhir/Patient/" + id, "observations", "/fhir/Observation?subject=Patient/" + id,
                "notes", "/fhir/DocumentReference?subject=Patient/" + id));
        out.put("findings", findings);
        return out;
    }

    private Map<String, Object> note(List<String> parts) throws NotFound, BadRequest {
        if (parts.size() != 3) {
            throw new BadRequest("name one note version: /api/dashboard/notes/{id}/{version}");
        }
        long version;
        try {
            version = Long.parseLong(parts.get(2));
        } catch (NumberFormatException e) {
            throw new BadRequest("note version '" + parts.get(2) + "' is not a number");
        }
        NoteTexts.NoteVersion note = notes.read(parts.get(1), version)
                .orElseThrow(() -> new NotFound("no note DocumentReference/" + parts.get(1) + " version " + version));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("note", note);
        out.put("fhir", "/fhir/DocumentReference/" + note.noteId() + "/_history/" + version);
        out.put("findings", cohort.note(note.noteId(), version));
        return out;
    }

    private Map<String, Object> models(HttpServletRequest req, CohortFilter filter) throws BadRequest {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("versions", cohort.versions(filter));
        out.put("feedback", feedback.byStudentVersion());
        String a = Optional.ofNullable(req.getParameter("a")).map(String::trim).orElse("");
        String b = Optional.ofNullable(req.getParameter("b")).map(String::trim).orElse("");
        if (!a.isEmpty() || !b.isEmpty()) {
            if (a.isEmpty() || b.isEmpty() || a.equals(b)) {
                throw new BadRequest("agreement compares two different student versions: give both a and b");
            }
            out.put("agreement", Map.of("a", a, "b", b, "symptoms", cohort.agreement(filter, a, b)));
        }
        return out;
    }

    private void csv(CohortFilter filter, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/csv; charset=utf-8");
        resp.setHeader("Content-Disposition", "attachment; filename=\"radtox-findings.csv\"");
        Writer out = new java.io.OutputStreamWriter(resp.getOutputStream(), StandardCharsets.UTF_8);
        try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader("patient", "note", "note_version", "date",
                "week_since_rt_start", "symptom", "status", "grade", "student_version", "note_type", "technique", "evidence",
                "evidence_start", "evidence_end", "observation").get().print(out)) {
            cohort.eachFinding(filter, f -> {
                try {
                    printer.printRecord(f.patientId(), f.noteId(), f.noteVersion(), f.effective(), f.weekSinceRtStart(), f.symptom(),
                            f.status(), f.grade(), f.studentVersion(), f.noteType(), f.technique(), f.quote(), f.quoteStart(),
                            f.quoteEnd(), "Observation/" + f.observationId());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    private static int number(HttpServletRequest req, String name, int min, int max, int fallback) throws BadRequest {
        String raw = req.getParameter(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest("'" + name + "' = '" + raw + "' must be a whole number from " + min + " to " + max);
        }
    }

    private void send(HttpServletResponse resp, Object body) throws IOException {
        resp.setStatus(200);
        resp.setContentType("application/json; charset=utf-8");
        json.writeValue(resp.getOutputStream(), body);
    }

    private void error(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json; charset=utf-8");
        json.writeValue(resp.getOutputStream(), Map.of("error", message));
    }
}
