package org.radtox.server.dashboard.api;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What clinicians did with the CDS Hooks cards, per student version: cards issued, cards with feedback,
 * accepted and overridden, and the override reasons given. Read in SQL from the CDS service's own tables
 * ({@code radtox_cds_card}, {@code radtox_cds_feedback}; docs/CDS-HOOKS.md) in the same database.
 */
public final class FeedbackRates {

    public record Reason(String code, String display, long count) {
    }

    public record VersionFeedback(String studentVersion, long cardsIssued, long cardsWithFeedback, long accepted, long overridden,
                                  List<Reason> overrideReasons) {
    }

    private final JdbcTemplate jdbc;

    public FeedbackRates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<VersionFeedback> byStudentVersion() {
        Map<String, long[]> counts = new LinkedHashMap<>();
        jdbc.query("SELECT c.student_version, COUNT(DISTINCT c.card_uuid), COUNT(DISTINCT f.card_uuid), "
                + "COALESCE(SUM(CASE WHEN f.outcome = 'accepted' THEN 1 ELSE 0 END), 0), "
                + "COALESCE(SUM(CASE WHEN f.outcome = 'overridden' THEN 1 ELSE 0 END), 0) "
                + "FROM radtox_cds_card c LEFT JOIN radtox_cds_feedback f ON f.card_uuid = c.card_uuid "
                + "GROUP BY c.student_version ORDER BY c.student_version", (ResultSet rs) -> {
                    counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                });
        Map<String, List<Reason>> reasons = new LinkedHashMap<>();
        jdbc.query("SELECT c.student_version, COALESCE(f.override_code, ''), COALESCE(MAX(f.override_display), ''), COUNT(*) "
                + "FROM radtox_cds_feedback f JOIN radtox_cds_card c ON c.card_uuid = f.card_uuid WHERE f.outcome = 'overridden' "
                + "GROUP BY c.student_version, COALESCE(f.override_code, '') ORDER BY COUNT(*) DESC", (ResultSet rs) -> {
                    String code = rs.getString(2);
                    reasons.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Reason(code.isEmpty() ? null : code,
                            code.isEmpty() ? "no reason given" : rs.getString(3), rs.getLong(4)));
                });
        List<VersionFeedback> out = new ArrayList<>();
        counts.forEach((version, c) -> out.add(new VersionFeedback(version, c[0], c[1], c[2], c[3],
                reasons.getOrDefault(version, List.of()))));
        return out;
    }
}
