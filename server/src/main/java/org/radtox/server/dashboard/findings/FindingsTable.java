package org.radtox.server.dashboard.findings;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dashboard's findings table, {@code radtox_finding}, in the FHIR store's own database: one row per
 * toxicity Observation, written by {@link FindingsInterceptor} in the transaction that writes the
 * Observation, so the aggregates (SQL {@code GROUP BY} over this table) never disagree with the FHIR API.
 * Beside it, {@code radtox_finding_note} keeps what each note version carries that findings are filtered
 * by (type, radiotherapy course), written when the note is stored.
 *
 * <p>Dates are stored as the day the note speaks of, with the calendar month and the week since the start
 * of radiotherapy computed on write: grouping by them needs no database-specific date functions, so the
 * same SQL runs on H2 and PostgreSQL.
 */
public final class FindingsTable {

    public static final String TABLE = "radtox_finding";
    public static final String NOTES = "radtox_finding_note";
    static final int MAX_QUOTE = 4000;

    private final JdbcTemplate jdbc;

    public FindingsTable(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Creates the tables and the indexes the dashboard's queries use, where missing (H2 and PostgreSQL). */
    public void createTables() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + NOTES + " ("
                + "note_id VARCHAR(64) NOT NULL, note_version BIGINT NOT NULL, patient_id VARCHAR(200), note_date DATE, "
                + "note_type VARCHAR(200), rt_start DATE, technique VARCHAR(200), "
                + "PRIMARY KEY (note_id, note_version))");
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + "observation_id VARCHAR(64) PRIMARY KEY, patient_id VARCHAR(200) NOT NULL, note_id VARCHAR(64), "
                + "note_version BIGINT, encounter VARCHAR(200), effective DATE, effective_month CHAR(7), rt_week INT, "
                + "symptom VARCHAR(64) NOT NULL, present BOOLEAN NOT NULL, grade INT NOT NULL, student_version VARCHAR(200) NOT NULL, "
                + "quote VARCHAR(" + MAX_QUOTE + "), quote_start INT, quote_end INT, obs_status VARCHAR(32) NOT NULL, "
                + "counted BOOLEAN NOT NULL, note_type VARCHAR(200), rt_start DATE, technique VARCHAR(200), "
                + "updated_at TIMESTAMP NOT NULL)");
        jdbc.execute("CREATE INDEX IF NOT EXISTS radtox_finding_cohort ON " + TABLE + " (counted, symptom, effective)");
        jdbc.execute("CREATE INDEX IF NOT EXISTS radtox_finding_patient ON " + TABLE + " (patient_id, effective)");
        jdbc.execute("CREATE INDEX IF NOT EXISTS radtox_finding_note_version ON " + TABLE + " (note_id, note_version)");
        // The aggregates group by symptom, patient, period and note; rows read in that order are grouped as they
        // stream by, where hashing 100,000 groups took three times as long (scripts/bench-dashboard). On
        // PostgreSQL the index also covers the columns they count, so the table itself is not read.
        // Symptom first, not student version: the overview without a version filter (every counted finding) must
        // find its rows in this order too.
        jdbc.execute("DROP INDEX IF EXISTS radtox_finding_student");
        jdbc.execute("DROP INDEX IF EXISTS radtox_finding_grouping");
        boolean postgres = isPostgres();
        jdbc.execute("CREATE INDEX IF NOT EXISTS radtox_finding_by_symptom ON " + TABLE + " (symptom, patient_id, note_id)"
                + (postgres ? " INCLUDE (counted, student_version, present, grade, effective, rt_week, effective_month)" : ""));
        if (postgres) {
            // Without it the planner guesses a few thousand (symptom, patient, note) groups where there is one per
            // row, and picks hashing that spills to disk.
            jdbc.execute("CREATE STATISTICS IF NOT EXISTS radtox_finding_groups (ndistinct) ON symptom, patient_id, note_id FROM " + TABLE);
            // The index serves the aggregates alone only where the visibility map says a page is all-visible; by default
            // autovacuum sets it after a fifth of the table is new, so a growing table would read the heap for most rows.
            jdbc.execute("ALTER TABLE " + TABLE + " SET (autovacuum_vacuum_insert_scale_factor = 0.01)");
        }
    }

    private boolean isPostgres() {
        return Boolean.TRUE.equals(jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName()
                .toLowerCase(java.util.Locale.ROOT).contains("postgres")));
    }

    /** Records what a stored note version carries; call inside the transaction that stores it. */
    public void recordNote(NoteFacts note) {
        // A note version is written once; the update only meets a version HAPI rewrote in place (e.g. meta).
        int updated = jdbc.update("UPDATE " + NOTES + " SET patient_id = ?, note_date = ?, note_type = ?, rt_start = ?, technique = ? "
                + "WHERE note_id = ? AND note_version = ?", note.patientId(), date(note.date()), note.noteType(),
                date(note.rtStart()), note.technique(), note.noteId(), note.noteVersion());
        if (updated == 0) {
            jdbc.update("INSERT INTO " + NOTES + " (note_id, note_version, patient_id, note_date, note_type, rt_start, technique) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", note.noteId(), note.noteVersion(), note.patientId(), date(note.date()),
                    note.noteType(), date(note.rtStart()), note.technique());
        }
    }

    public Optional<NoteFacts> note(String noteId, long noteVersion) {
        List<NoteFacts> found = jdbc.query("SELECT note_id, note_version, patient_id, note_date, note_type, rt_start, technique FROM "
                + NOTES + " WHERE note_id = ? AND note_version = ?", (rs, i) -> new NoteFacts(rs.getString(1), rs.getLong(2),
                rs.getString(3), localDate(rs.getDate(4)), rs.getString(5), localDate(rs.getDate(6)), rs.getString(7)),
                noteId, noteVersion);
        return found.stream().findFirst();
    }

    /**
     * Writes the row of an Observation as it now stands (created or updated); call inside the transaction
     * that writes the Observation. The note's facts are copied onto the row, so the aggregates need no join.
     *
     * @param created whether the Observation is new (its row cannot exist yet: one statement instead of two)
     */
    public void record(FindingRow f, boolean created) {
        Optional<NoteFacts> note = f.noteId() == null ? Optional.empty() : note(f.noteId(), f.noteVersion());
        String type = note.map(NoteFacts::noteType).orElse(null);
        String technique = note.map(NoteFacts::technique).orElse(null);
        Date rtStart = date(note.map(NoteFacts::rtStart).orElse(null));
        Integer week = note.map(n -> n.weekSinceRtStart(f.effective())).orElse(null);
        String quote = f.quote() != null && f.quote().length() > MAX_QUOTE ? f.quote().substring(0, MAX_QUOTE) : f.quote();
        boolean counted = !"entered-in-error".equals(f.observationStatus());
        Timestamp now = Timestamp.from(Instant.now());
        Object[] values = {f.patientId(), f.noteId(), f.noteId() == null ? null : f.noteVersion(), f.encounter(), date(f.effective()),
                f.month(), week, f.symptom(), f.present(), f.grade(), f.studentVersion(), quote, f.quoteStart(), f.quoteEnd(),
                f.observationStatus(), counted, type, rtStart, technique, now, f.observationId()};
        int updated = created ? 0 : jdbc.update("UPDATE " + TABLE + " SET patient_id = ?, note_id = ?, note_version = ?, encounter = ?, effective = ?, "
                + "effective_month = ?, rt_week = ?, symptom = ?, present = ?, grade = ?, student_version = ?, quote = ?, quote_start = ?, "
                + "quote_end = ?, obs_status = ?, counted = ?, note_type = ?, rt_start = ?, technique = ?, updated_at = ? "
                + "WHERE observation_id = ?", values);
        if (updated == 0) {
            jdbc.update("INSERT INTO " + TABLE + " (patient_id, note_id, note_version, encounter, effective, effective_month, rt_week, "
                    + "symptom, present, grade, student_version, quote, quote_start, quote_end, obs_status, counted, note_type, rt_start, "
                    + "technique, updated_at, observation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
        }
    }

    /** Removes the row of a deleted Observation; call inside the deleting transaction. */
    public void forget(String observationId) {
        jdbc.update("DELETE FROM " + TABLE + " WHERE observation_id = ?", observationId);
    }

    private static Date date(java.time.LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static java.time.LocalDate localDate(Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
