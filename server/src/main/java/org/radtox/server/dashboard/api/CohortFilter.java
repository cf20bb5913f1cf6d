package org.radtox.server.dashboard.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.radtox.student.symptoms.Symptom;
import org.radtox.student.symptoms.SymptomSet;

/**
 * The filters every cohort query takes, validated: symptoms of the symptom set, grades 0..5, a date range
 * (inclusive, {@code YYYY-MM-DD}), note types, radiotherapy techniques and student versions (each may be
 * repeated or comma-separated; no value means no restriction). Renders itself as a SQL condition with its
 * parameters, so every query filters the same way.
 */
public record CohortFilter(List<String> symptoms, List<Integer> grades, LocalDate from, LocalDate to, List<String> noteTypes,
                           List<String> techniques, List<String> students) {

    static final int MAX_TEXT = 200;

    public static CohortFilter none() {
        return new CohortFilter(List.of(), List.of(), null, null, List.of(), List.of(), List.of());
    }

    /** Reads the filters of a query string; every nonsense value is a {@link BadRequest} naming it. */
    public static CohortFilter parse(Map<String, String[]> params, SymptomSet symptomSet) throws BadRequest {
        List<String> symptoms = values(params, "symptom");
        for (String s : symptoms) {
            if (symptomSet.symptom(s).isEmpty()) {
                throw new BadRequest("unknown symptom '" + s + "'; known symptoms: " + String.join(", ", symptomSet.keys()));
            }
        }
        List<Integer> grades = new ArrayList<>();
        for (String g : values(params, "grade")) {
            try {
                int grade = Integer.parseInt(g);
                if (grade < 0 || grade > 5) {
                    throw new NumberFormatException();
                }
                grades.add(grade);
            } catch (NumberFormatException e) {
                throw new BadRequest("grade '" + g + "' is not a CTCAE grade: use 0 (absent) to 5");
            }
        }
        LocalDate from = date(params, "from");
        LocalDate to = date(params, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadRequest("the date range is empty: from " + from + " is after to " + to);
        }
        return new CohortFilter(symptoms, grades, from, to, text(params, "noteType"), text(params, "technique"),
                text(params, "student"));
    }

    /** This filter without its student versions (a comparison of two versions names its own). */
    public CohortFilter anyStudent() {
        return new CohortFilter(symptoms, grades, from, to, noteTypes, techniques, List.of());
    }

    /** The condition on {@code radtox_finding} rows (counted ones only), with its parameters appended to {@code args}. */
    public String where(List<Object> args) {
        StringBuilder sql = new StringBuilder("counted = TRUE");
        in(sql, args, "symptom", symptoms);
        in(sql, args, "grade", grades);
        if (from != null) {
            sql.append(" AND effective >= ?");
            args.add(java.sql.Date.valueOf(from));
        }
        if (to != null) {
            sql.append(" AND effective <= ?");
            args.add(java.sql.Date.valueOf(to));
        }
        in(sql, args, "note_type", noteTypes);
        in(sql, args, "technique", techniques);
        in(sql, args, "student_version", students);
        return sql.toString();
    }

    /** The symptoms this filter shows, in the symptom set's order. */
    public List<Symptom> shownSymptoms(SymptomSet set) {
        return set.symptoms().stream().filter(s -> symptoms.isEmpty() || symptoms.contains(s.key())).toList();
    }

    private static void in(StringBuilder sql, List<Object> args, String column, List<?> values) {
        if (values.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (")
                .append(values.stream().map(v -> "?").collect(Collectors.joining(", "))).append(')');
        args.addAll(values);
    }

    static List<String> values(Map<String, String[]> params, String name) {
        String[] raw = params.get(name);
        if (raw == null) {
            return List.of();
        }
        return Arrays.stream(raw).flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(v -> !v.isEmpty())
                .distinct().toList();
    }

    private static List<String> text(Map<String, String[]> params, String name) throws BadRequest {
        List<String> values = values(params, name);
        for (String v : values) {
            if (v.length() > MAX_TEXT || v.chars().anyMatch(Character::isISOControl)) {
                throw new BadRequest(name + " '" + (v.length() > 40 ? v.substring(0, 40) + "…" : v)
                        + "' is not a value this field can have (at most " + MAX_TEXT + " printable characters)");
            }
        }
        return values;
    }

    private static LocalDate date(Map<String, String[]> params, String name) throws BadRequest {
        List<String> values = values(params, name);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadRequest("'" + name + "' is given " + values.size() + " times; give one date");
        }
        try {
            return LocalDate.parse(values.get(0));
        } catch (DateTimeParseException e) {
            throw new BadRequest("'" + name + "' = '" + values.get(0) + "' is not a date: use YYYY-MM-DD");
        }
    }
}
