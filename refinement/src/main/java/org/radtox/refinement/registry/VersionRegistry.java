package org.radtox.refinement.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.flywaydb.core.Flyway;

import org.radtox.refinement.candidate.EditJson;
import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.registry.VersionEvent.Action;
import org.radtox.student.Student;
import org.radtox.student.version.StudentVersion;

/**
 * The student versions a site has made, in the server's own database (the embedded one or PostgreSQL):
 * each immutable and named by its content, with lineage and evaluations, and an append-only log of
 * promotions and rollbacks whose latest entry names the active version.
 *
 * <p>For the server: {@link #active()} names the version to extract with (empty: the bundled student);
 * {@link #changeStamp()} is one cheap query that changes whenever the active version does, so a worker can
 * poll it; {@link #student(String)} builds a registered embedded version.
 */
public final class VersionRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSIONS = "radtox_student_version";
    private static final String EVENTS = "radtox_version_event";
    private static final String COLUMNS = "id, kind, parts_json, parent_id, round_no, strategy, teacher, run_id, edits_json, "
            + "lexicon_json, rules_json, grading_json, validation_json, test_json, created_at";

    private final DataSource dataSource;

    private VersionRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens the registry, creating or upgrading its tables (Flyway, its own history table) first. */
    public static VersionRegistry open(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/radtox-registry")
                .table("radtox_registry_schema_history").baselineOnMigrate(true).baselineVersion("0")
                .load().migrate();
        return new VersionRegistry(dataSource);
    }

    /**
     * Adds versions in one transaction; a version whose id is registered already is left as it is (same id,
     * same content: the first lineage stands). All or nothing: a failure leaves the registry unchanged.
     *
     * @return the ids that were new
     */
    public List<String> register(List<RegisteredVersion> versions) {
        return inTransaction(c -> {
            List<String> added = new ArrayList<>();
            for (RegisteredVersion v : versions) {
                if (v.data() != null && !v.data().version().id().equals(v.id())) {
                    throw new IllegalArgumentException("version " + v.id() + " does not match its data (" + v.data().version().id() + ")");
                }
                if (find(c, v.id()).isPresent()) {
                    continue;
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + VERSIONS + " (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    p.setString(1, v.id());
                    p.setString(2, v.version().kind());
                    p.setString(3, json(v.version().parts()));
                    p.setString(4, v.lineage().parentId());
                    p.setInt(5, v.lineage().round());
                    p.setString(6, v.lineage().strategy());
                    p.setString(7, v.lineage().teacher());
                    p.setString(8, v.lineage().runId());
                    p.setString(9, EditJson.text(v.edits()));
                    p.setString(10, v.data() == null ? null : v.data().lexiconJson());
                    p.setString(11, v.data() == null ? null : v.data().contextRulesJson());
                    p.setString(12, v.data() == null ? null : v.data().gradingJson());
                    p.setString(13, v.validation() == null ? null : json(v.validation()));
                    p.setString(14, v.test() == null ? null : json(v.test()));
                    p.setTimestamp(15, Timestamp.from(v.createdAt()));
                    p.executeUpdate();
                }
                added.add(v.id());
            }
            return added;
        });
    }

    public Optional<RegisteredVersion> find(String id) {
        return query(c -> find(c, id));
    }

    /** Every version, oldest first. */
    public List<RegisteredVersion> list() {
        return query(c -> {
            List<RegisteredVersion> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM " + VERSIONS + " ORDER BY created_at, id");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
            return out;
        });
    }

    /** The active version and the event that made it so; empty while nothing was ever promoted. */
    public Optional<VersionEvent> active() {
        return query(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT seq, action, version_id, previous_id, reason, actor, at FROM "
                    + EVENTS + " ORDER BY seq DESC LIMIT 1"); ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(event(r)) : Optional.<VersionEvent>empty();
            }
        });
    }

    /** Changes whenever the active version changes (the latest event's number; 0 before any): cheap to poll. */
    public long changeStamp() {
        return query(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT MAX(seq) FROM " + EVENTS); ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /** Promotions and rollbacks, oldest first. */
    public List<VersionEvent> history() {
        return query(c -> {
            List<VersionEvent> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT seq, action, version_id, previous_id, reason, actor, at FROM "
                    + EVENTS + " ORDER BY seq"); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(event(r));
                }
            }
            return out;
        });
    }

    /**
     * Makes {@code id} the active version if it passes the gate against the version serving now (or, before
     * any promotion, against {@code defaultId}, the bundled release). Refused promotions change nothing.
     */
    public VersionEvent promote(String id, String defaultId, PromotionPolicy policy, String actor, String reason) {
        return inTransaction(c -> {
            RegisteredVersion candidate = find(c, id).orElseThrow(() -> new PromotionRefusedException("cannot promote " + id,
                    List.of("no such version in the registry (radtox versions lists them)")));
            String currentId = latest(c).map(VersionEvent::versionId).orElse(defaultId);
            if (currentId.equals(id)) {
                throw new PromotionRefusedException("cannot promote " + id, List.of("it is the active version already"));
            }
            RegisteredVersion current = find(c, currentId).orElseThrow(() -> new PromotionRefusedException("cannot promote " + id,
                    List.of("the version serving now, " + currentId + ", is not in the registry to compare with (run radtox refine "
                            + "from it first, which registers it)")));
            List<String> refusals = policy.refusals(candidate, current);
            if (!refusals.isEmpty()) {
                throw new PromotionRefusedException("promotion of " + id + " refused", refusals);
            }
            return append(c, Action.PROMOTE, id, currentId, reason, actor);
        });
    }

    /** Makes the version that was active before the current one was promoted active again. */
    public VersionEvent rollback(String actor, String reason) {
        return inTransaction(c -> {
            VersionEvent current = latest(c).orElseThrow(() -> new PromotionRefusedException("cannot roll back",
                    List.of("nothing was ever promoted: the bundled student is serving")));
            String target = null;
            try (PreparedStatement p = c.prepareStatement("SELECT previous_id FROM " + EVENTS
                    + " WHERE action = 'PROMOTE' AND version_id = ? ORDER BY seq DESC LIMIT 1")) {
                p.setString(1, current.versionId());
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        target = r.getString(1);
                    }
                }
            }
            if (target == null || find(c, target).isEmpty()) {
                throw new PromotionRefusedException("cannot roll back", List.of(current.versionId()
                        + " has no earlier version on record to go back to"));
            }
            return append(c, Action.ROLLBACK, target, current.versionId(), reason, actor);
        });
    }

    /** A student built from a registered embedded version, checked against its id. */
    public Student student(String id) {
        RegisteredVersion v = find(id).orElseThrow(() -> new IllegalArgumentException("no version " + id + " in the registry"));
        if (v.data() == null) {
            throw new IllegalArgumentException(id + " is a " + v.version().kind() + " student: it is built by its own module from "
                    + "the parts the registry names " + v.version().parts().keySet());
        }
        return v.data().student();
    }

    /**
     * Writes every version as files: {@code <id>/manifest.json} (version, parts, lineage, edits, evaluations)
     * and, for embedded versions, the three data files the student reads; plus {@code registry.json} with the
     * promotion history. The export reads back with {@link EmbeddedData#of}.
     */
    public Path export(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper pretty = JSON.copy().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode index = pretty.createArrayNode();
        for (RegisteredVersion v : list()) {
            Path d = dir.resolve(v.id().replace('@', '_'));
            Files.createDirectories(d);
            ObjectNode m = pretty.createObjectNode();
            m.put("id", v.id());
            m.put("kind", v.version().kind());
            m.set("parts", pretty.valueToTree(v.version().parts()));
            m.set("lineage", pretty.valueToTree(v.lineage()));
            m.set("edits", EditJson.write(v.edits()));
            m.set("validation", pretty.valueToTree(v.validation()));
            m.set("test", pretty.valueToTree(v.test()));
            m.put("createdAt", v.createdAt().toString());
            Files.writeString(d.resolve("manifest.json"), pretty.writeValueAsString(m), StandardCharsets.UTF_8);
            if (v.data() != null) {
                Files.writeString(d.resolve("lexicon.json"), v.data().lexiconJson(), StandardCharsets.UTF_8);
                Files.writeString(d.resolve("context-rules.json"), v.data().contextRulesJson(), StandardCharsets.UTF_8);
                Files.writeString(d.resolve("grading.json"), v.data().gradingJson(), StandardCharsets.UTF_8);
            }
            index.addObject().put("id", v.id()).put("folder", d.getFileName().toString());
        }
        ObjectNode root = pretty.createObjectNode();
        root.set("versions", index);
        ArrayNode events = root.putArray("events");
        for (VersionEvent e : history()) {
            events.addObject().put("seq", e.seq()).put("action", e.action().name()).put("versionId", e.versionId())
                    .put("previousId", e.previousId()).put("reason", e.reason()).put("actor", e.actor()).put("at", e.at().toString());
        }
        Path file = dir.resolve("registry.json");
        Files.writeString(file, pretty.writeValueAsString(root), StandardCharsets.UTF_8);
        return file;
    }

    private VersionEvent append(Connection c, Action action, String id, String previous, String reason, String actor) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + EVENTS
                + " (action, version_id, previous_id, reason, actor, at) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, action.name());
            p.setString(2, id);
            p.setString(3, previous);
            p.setString(4, reason == null || reason.isBlank() ? "(no reason given)" : reason);
            p.setString(5, actor);
            p.setTimestamp(6, Timestamp.from(now));
            p.executeUpdate();
        }
        return latest(c).orElseThrow();
    }

    private Optional<VersionEvent> latest(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT seq, action, version_id, previous_id, reason, actor, at FROM "
                + EVENTS + " ORDER BY seq DESC LIMIT 1"); ResultSet r = p.executeQuery()) {
            return r.next() ? Optional.of(event(r)) : Optional.empty();
        }
    }

    private Optional<RegisteredVersion> find(Connection c, String id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM " + VERSIONS + " WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    private static VersionEvent event(ResultSet r) throws SQLException {
        return new VersionEvent(r.getLong("seq"), Action.valueOf(r.getString("action")), r.getString("version_id"),
                r.getString("previous_id"), r.getString("reason"), r.getString("actor"), r.getTimestamp("at").toInstant());
    }

    private static RegisteredVersion row(ResultSet r) throws SQLException {
        try {
            Map<String, String> parts = JSON.readValue(r.getString("parts_json"), new TypeReference<TreeMap<String, String>>() { });
            String id = r.getString("id");
            String kind = r.getString("kind");
            StudentVersion version = id.equals(StudentVersion.contentAddressed(kind, parts).id())
                    ? StudentVersion.contentAddressed(kind, parts) : StudentVersion.named(id, kind, parts);
            String lexicon = r.getString("lexicon_json");
            EmbeddedData data = lexicon == null ? null
                    : EmbeddedData.of(lexicon, r.getString("rules_json"), r.getString("grading_json"));
            String validation = r.getString("validation_json");
            String test = r.getString("test_json");
            return new RegisteredVersion(version, new Lineage(r.getString("parent_id"), r.getInt("round_no"), r.getString("strategy"),
                    r.getString("teacher"), r.getString("run_id")), EditJson.read(r.getString("edits_json")), data,
                    validation == null ? null : JSON.readValue(validation, EvaluationSummary.class),
                    test == null ? null : JSON.readValue(test, EvaluationSummary.class), r.getTimestamp("created_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("registry row " + r.getString("id") + " is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("version registry: " + e.getMessage(), e);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("version registry: " + e.getMessage(), e);
        }
    }
}
