package org.radtox.server.dashboard.api;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;

import org.radtox.server.dashboard.findings.FindingsTable;
import org.radtox.student.symptoms.Symptom;
import org.radtox.student.symptoms.SymptomSet;

/**
 * The dashboard's aggregates, each one SQL statement over {@code radtox_finding} (grouped in the database,
 * never by loading Observations). Columns are read by position: H2 and PostgreSQL spell labels differently.
 * Patients and notes are counted distinct, and explicit "absent" findings count as assessed: incidence is
 * patients with the symptom present over patients assessed for it.
 */
public final class CohortQueries {

    private static final String T = FindingsTable.TABLE;

    /** Per symptom: who was assessed, who had it, how bad it got, and the grade distribution. */
    public record SymptomSummary(String symptom, String display, long notesAssessed, long patientsAssessed, long notesPresent,
                                 long patientsPresent, Integer maxGrade, Map<Integer, Long> findingsByGrade) {
        SymptomSummary withGrades(Map<Integer, Long> grades) {
            return new SymptomSummary(symptom, display, notesAssessed, patientsAssessed, notesPresent, patientsPresent, maxGrade, grades);
        }
    }

    public record Totals(long findings, long notes, long patients, long present) {
    }

    public record Overview(Totals totals, List<SymptomSummary> symptoms) {
    }

    /** One period of the timeline: {@code period} is a week since RT start (0, 1, ...) or a month {@code YYYY-MM}. */
    public record PeriodPoint(String period, String symptom, long patientsAssessed, long patientsPresent, long notesAssessed,
                              long notesPresent, int maxGrade) {
    }

    public record Timeline(String by, List<PeriodPoint> points) {
    }

    /** A finding row as the tables, the patient view and the CSV export show it. */
    public record Finding(String observationId, String patientId, String noteId, Long noteVersion, String effective,
                          Integer weekSinceRtStart, String symptom, String status, int grade, String studentVersion,
                          String noteType, String technique, String quote, Integer quoteStart, Integer quoteEnd,
                          String observationStatus) {
    }

    public record Page(long total, int offset, int limit, List<Finding> findings) {
    }

    public record VersionSummary(String studentVersion, long findings, long notes, long patients, long present,
                                 Map<Integer, Long> findingsByGrade) {
    }

    /** Agreement of two student versions, per symptom, over the notes both have read. */
    public record Agreement(String symptom, long compared, long sameStatus, long sameGrade, long onlyA, long onlyB,
                            long presentA, long presentB) {
    }

    private static final String FINDING_COLUMNS = "observation_id, patient_id, note_id, note_version, effective, rt_week, symptom, "
            + "present, grade, student_version, note_type, technique, quote, quote_start, quote_end, obs_status";

    private final JdbcTemplate jdbc;
    private final SymptomSet symptoms;
    /** Runs an overview's other statements while its own thread runs the per-symptom one. */
    private final Executor sideBySide;

    public CohortQueries(JdbcTemplate jdbc, SymptomSet symptoms) {
        this.jdbc = jdbc;
        this.symptoms = symptoms;
        // Two statements per overview at a time, from a few threads: a burst of page loads queues here, not in the pool.
        this.sideBySide = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "radtox-dashboard-query");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Counts per group of {@code keys} (comma-separated columns, or empty for one total row): findings,
     * present findings, notes, notes with the symptom present, patients, patients with it present, and the
     * highest present grade, selected after the key columns in that order. Distinct notes and patients are counted by grouping in
     * three steps (note, then patient, then the keys) rather than with {@code COUNT(DISTINCT ...)}, which
     * sorts once per aggregate (a note belongs to one patient, so the steps nest). The steps group by symptom,
     * patient, the other keys, then note, the order of the {@code radtox_finding_by_symptom} index, so each step
     * can group rows as they stream by.
     */
    private static String counts(String keys, String where) {
        List<String> keyList = keys.isBlank() ? List.of() : java.util.Arrays.stream(keys.split(",")).map(String::trim).toList();
        List<String> byPatient = new ArrayList<>();
        if (keyList.contains("symptom")) {
            byPatient.add("symptom");
        }
        byPatient.add("patient_id");
        keyList.stream().filter(k -> !k.equals("symptom")).forEach(byPatient::add);
        String patientKeys = String.join(", ", byPatient);
        String notes = "SELECT " + patientKeys + ", note_id, COUNT(*) AS findings, SUM(CASE WHEN present THEN 1 ELSE 0 END) AS fp, "
                + "MAX(CASE WHEN present THEN 1 ELSE 0 END) AS np, MAX(CASE WHEN present THEN grade ELSE 0 END) AS g"
                + " FROM " + T + " WHERE " + where + " GROUP BY " + patientKeys + ", note_id";
        String patients = "SELECT " + patientKeys + ", SUM(findings) AS findings, SUM(fp) AS fp, COUNT(*) AS notes, SUM(np) AS np, "
                + "MAX(np) AS pp, MAX(g) AS g FROM (" + notes + ") n GROUP BY " + patientKeys;
        String k = keys.isBlank() ? "" : keys + ", ";
        return "SELECT " + k + "COALESCE(SUM(findings), 0), COALESCE(SUM(fp), 0), COALESCE(SUM(notes), 0), COALESCE(SUM(np), 0), "
                + "COUNT(*), COALESCE(SUM(pp), 0), MAX(g) FROM (" + patients + ") p"
                + (keys.isBlank() ? "" : " GROUP BY " + keys);
    }

    /**
     * Findings per grade for each value of {@code key}: a plain scan of its own, cheaper than carrying six more sums
     * through the three grouping steps of {@link #counts} (twice as slow on a table not yet vacuumed).
     */
    private Map<String, Map<Integer, Long>> grades(String key, String where, List<Object> args) {
        Map<String, Map<Integer, Long>> grades = new LinkedHashMap<>();
        jdbc.query("SELECT " + key + ", grade, COUNT(*) FROM " + T + " WHERE " + where + " GROUP BY " + key + ", grade",
                (ResultSet rs) -> {
                    grades.computeIfAbsent(rs.getString(1), k -> new java.util.TreeMap<>()).put(rs.getInt(2), rs.getLong(3));
                }, args.toArray());
        return grades;
    }

    /**
     * The cohort's totals and each symptom's counts and grades: three statements, run side by side on their own
     * connections, since each is a scan of the filtered rows and the page waits for all three.
     */
    public Overview overview(CohortFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = filter.where(args);
        CompletableFuture<Totals> totals = CompletableFuture.supplyAsync(() -> jdbc.queryForObject(counts("", where),
                (rs, i) -> new Totals(rs.getLong(1), rs.getLong(3), rs.getLong(5), rs.getLong(2)), args.toArray()), sideBySide);
        CompletableFuture<Map<String, Map<Integer, Long>>> grades = CompletableFuture.supplyAsync(() -> grades("symptom", where, args),
                sideBySide);
        List<SymptomSummary> counted = jdbc.query(counts("symptom", where), (rs, i) -> new SymptomSummary(rs.getString(1),
                display(rs.getString(1)), rs.getLong(4), rs.getLong(6), rs.getLong(5), rs.getLong(7), rs.getInt(8), null), args.toArray());
        Map<String, Map<Integer, Long>> byGrade = join(grades);
        Map<String, SymptomSummary> bySymptom = new LinkedHashMap<>();
        counted.forEach(s -> bySymptom.put(s.symptom(), s.withGrades(byGrade.getOrDefault(s.symptom(), Map.of()))));
        List<SymptomSummary> ordered = new ArrayList<>();
        for (Symptom s : filter.shownSymptoms(symptoms)) {
            ordered.add(bySymptom.getOrDefault(s.key(), new SymptomSummary(s.key(), s.display(), 0, 0, 0, 0, null, Map.of())));
        }
        return new Overview(join(totals), ordered);
    }

    /** The result of a statement run side by side; its failure is thrown here, as if it had run on this thread. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * Incidence and maximum grade per period: by week since the start of radiotherapy when the filtered
     * findings carry it ({@code by = auto} or {@code week}), else by calendar month.
     */
    public Timeline timeline(CohortFilter filter, String by) throws BadRequest {
        List<Object> args = new ArrayList<>();
        String where = filter.where(args);
        String resolved = switch (by == null || by.isBlank() ? "auto" : by) {
            case "week", "month" -> by;
            case "auto" -> jdbc.queryForList("SELECT 1 FROM " + T + " WHERE " + where + " AND rt_week IS NOT NULL LIMIT 1",
                    Integer.class, args.toArray()).isEmpty() ? "month" : "week";
            default -> throw new BadRequest("'by' = '" + by + "' is not a period: use week, month or auto");
        };
        String column = resolved.equals("week") ? "rt_week" : "effective_month";
        List<PeriodPoint> points = jdbc.query(counts(column + ", symptom", where + " AND " + column + " IS NOT NULL")
                + " ORDER BY " + column + ", symptom", (rs, i) -> new PeriodPoint(rs.getString(1).trim(), rs.getString(2), rs.getLong(7),
                rs.getLong(8), rs.getLong(5), rs.getLong(6), rs.getInt(9)), args.toArray());
        return new Timeline(resolved, points);
    }

    public Page findings(CohortFilter filter, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = filter.where(args);
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM " + T + " WHERE " + where, Long.class, args.toArray());
        List<Finding> rows = jdbc.query("SELECT " + FINDING_COLUMNS + " FROM " + T + " WHERE " + where
                + " ORDER BY effective DESC, patient_id, symptom, observation_id LIMIT " + limit + " OFFSET " + offset,
                (rs, i) -> finding(rs), args.toArray());
        return new Page(total, offset, limit, rows);
    }

    /** Streams every finding the filter selects, in a stable order (the CSV export): rows are not held in memory. */
    public void eachFinding(CohortFilter filter, Consumer<Finding> sink) {
        List<Object> args = new ArrayList<>();
        String where = filter.where(args);
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT " + FINDING_COLUMNS + " FROM " + T + " WHERE " + where
                    + " ORDER BY patient_id, effective, symptom, observation_id");
            ps.setFetchSize(1000);
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return ps;
        }, (ResultSet rs) -> {
            sink.accept(finding(rs));
        });
    }

    /** All findings of a patient, oldest first, including those no longer counted (marked by their status). */
    public List<Finding> patient(String patientId) {
        return jdbc.query("SELECT " + FINDING_COLUMNS + " FROM " + T + " WHERE patient_id = ? ORDER BY effective, symptom, observation_id",
                (rs, i) -> finding(rs), patientId);
    }

    public List<Finding> note(String noteId, long noteVersion) {
        return jdbc.query("SELECT " + FINDING_COLUMNS + " FROM " + T + " WHERE note_id = ? AND note_version = ? ORDER BY quote_start, symptom",
                (rs, i) -> finding(rs), noteId, noteVersion);
    }

    public List<VersionSummary> versions(CohortFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = filter.where(args);
        Map<String, Map<Integer, Long>> grades = grades("student_version", where, args);
        return jdbc.query(counts("student_version", where) + " ORDER BY student_version", (rs, i) -> new VersionSummary(
                rs.getString(1), rs.getLong(2), rs.getLong(4), rs.getLong(6), rs.getLong(3),
                grades.getOrDefault(rs.getString(1), Map.of())), args.toArray());
    }

    /**
     * How two student versions agree on the notes both have read: per symptom, the (note, symptom) pairs
     * either reported, how many both reported with the same status (present/absent) and the same grade, and
     * how many only one of them reported.
     */
    public List<Agreement> agreement(CohortFilter filter, String a, String b) {
        List<Object> whereArgs = new ArrayList<>();
        String where = filter.anyStudent().where(whereArgs) + " AND student_version IN (?, ?)";
        whereArgs.addAll(List.of(a, b));
        String pairs = "SELECT note_id, symptom, MAX(CASE WHEN student_version = ? THEN grade END) AS ga, "
                + "MAX(CASE WHEN student_version = ? THEN grade END) AS gb FROM " + T + " WHERE " + where
                + " AND note_id IN (SELECT note_id FROM " + T + " WHERE " + where + " GROUP BY note_id "
                + "HAVING COUNT(DISTINCT student_version) = 2) GROUP BY note_id, symptom";
        List<Object> all = new ArrayList<>(List.of(a, b));
        all.addAll(whereArgs);
        all.addAll(whereArgs);
        return jdbc.query("SELECT symptom, COUNT(*), "
                + "SUM(CASE WHEN ga IS NOT NULL AND gb IS NOT NULL AND ((ga > 0 AND gb > 0) OR (ga = 0 AND gb = 0)) THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN ga IS NOT NULL AND gb IS NOT NULL AND ga = gb THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN gb IS NULL THEN 1 ELSE 0 END), SUM(CASE WHEN ga IS NULL THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN ga > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN gb > 0 THEN 1 ELSE 0 END) "
                + "FROM (" + pairs + ") p GROUP BY symptom ORDER BY symptom",
                (rs, i) -> new Agreement(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getLong(8)), all.toArray());
    }

    /** The values the filters can take now: what the page offers in its lists. */
    public Map<String, Object> filterValues() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symptoms", symptoms.symptoms().stream().map(s -> Map.of("key", s.key(), "display", s.display(),
                "grades", s.grades())).toList());
        // One scan for the three lists: their combinations are few.
        java.util.SortedSet<String> types = new java.util.TreeSet<>();
        java.util.SortedSet<String> techniques = new java.util.TreeSet<>();
        java.util.SortedSet<String> students = new java.util.TreeSet<>();
        jdbc.query("SELECT note_type, technique, student_version FROM " + T + " WHERE counted = TRUE "
                + "GROUP BY note_type, technique, student_version", (ResultSet rs) -> {
                    add(types, rs.getString(1));
                    add(techniques, rs.getString(2));
                    add(students, rs.getString(3));
                });
        out.put("noteTypes", types);
        out.put("techniques", techniques);
        out.put("studentVersions", students);
        jdbc.query("SELECT MIN(effective), MAX(effective), COUNT(*) FROM " + T + " WHERE counted = TRUE", (ResultSet rs) -> {
            out.put("firstDate", rs.getDate(1) == null ? null : rs.getDate(1).toLocalDate().toString());
            out.put("lastDate", rs.getDate(2) == null ? null : rs.getDate(2).toLocalDate().toString());
            out.put("findings", rs.getLong(3));
        });
        return out;
    }

    private static void add(java.util.Set<String> values, String value) {
        if (value != null) {
            values.add(value);
        }
    }

    String display(String key) {
        return symptoms.symptom(key).map(Symptom::display).orElse(key);
    }

    private static Finding finding(ResultSet rs) throws SQLException {
        java.sql.Date effective = rs.getDate(5);
        long version = rs.getLong(4);
        Long noteVersion = rs.wasNull() ? null : version;
        return new Finding(rs.getString(1), rs.getString(2), rs.getString(3), noteVersion,
                effective == null ? null : effective.toLocalDate().toString(), (Integer) rs.getObject(6, Integer.class),
                rs.getString(7), rs.getBoolean(8) ? "present" : "absent", rs.getInt(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getObject(14, Integer.class), rs.getObject(15, Integer.class), rs.getString(16));
    }
}
