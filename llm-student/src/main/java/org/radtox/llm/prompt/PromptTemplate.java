package org.radtox.llm.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.radtox.student.version.StudentVersion;

/**
 * The texts an LLM student's prompt is made of, as data: the system template (CTCAE definitions and
 * grade criteria are filled in from the catalog), the user template around the note, the few-shot slot,
 * the repair message, the answer schema and per-symptom guidance that refinement may rewrite. Bundled as
 * resources ({@code org/radtox/llm/prompt/}); a rewritten one is stored as one JSON file named by its version.
 *
 * @param symptomSet the symptom set the guidance speaks of (e.g. {@code prostate-rt})
 * @param guidance   symptom key to guidance text; a symptom without an entry gets none
 */
public record PromptTemplate(String symptomSet, String system, String user, String examples, String repair,
                             String schema, Map<String, String> guidance) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PromptTemplate {
        Objects.requireNonNull(symptomSet, "symptomSet");
        for (String placeholder : new String[] {"{{symptoms}}", "{{schema}}", "{{guidance}}"}) {
            if (!system.contains(placeholder)) {
                throw new IllegalArgumentException("the system template lacks " + placeholder);
            }
        }
        for (String placeholder : new String[] {"{{examples}}", "{{note}}", "{{note-open}}", "{{note-close}}"}) {
            if (!user.contains(placeholder)) {
                throw new IllegalArgumentException("the user template lacks " + placeholder);
            }
        }
        if (!examples.contains("{{items}}") || !repair.contains("{{reason}}")) {
            throw new IllegalArgumentException("the examples template needs {{items}} and the repair template {{reason}}");
        }
        guidance = java.util.Collections.unmodifiableMap(new TreeMap<>(guidance));
    }

    /** The prompt RadTox ships for a symptom set. */
    public static PromptTemplate bundled(String symptomSet) {
        JsonNode guidanceFile = readJson(resource(symptomSet + ".guidance.json"));
        Map<String, String> guidance = new LinkedHashMap<>();
        guidanceFile.path("guidance").fields().forEachRemaining(e -> guidance.put(e.getKey(), e.getValue().asText()));
        return new PromptTemplate(symptomSet, resource("system.txt"), resource("user.txt"), resource("examples.txt"),
                resource("repair.txt"), resource("answer.schema.json"), guidance);
    }

    /** The same prompt with one symptom's guidance rewritten (what prompt refinement proposes). */
    public PromptTemplate withGuidance(String symptom, String text) {
        Map<String, String> g = new TreeMap<>(guidance);
        g.put(symptom, text);
        return new PromptTemplate(symptomSet, system, user, examples, repair, schema, g);
    }

    /** {@code prompt@<12 hex>}: the digest of everything this template holds, so equal prompts share a version. */
    public String version() {
        return "prompt@" + StudentVersion.sha256(toJson()).substring(0, 12);
    }

    /** A canonical JSON form (fields and guidance in a fixed order): what is stored and what is digested. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("symptomSet", symptomSet);
        root.put("system", system);
        root.put("user", user);
        root.put("examples", examples);
        root.put("repair", repair);
        root.put("schema", schema);
        ObjectNode g = root.putObject("guidance");
        guidance.forEach(g::put);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PromptTemplate fromJson(String json) {
        JsonNode n = readJson(json);
        Map<String, String> guidance = new LinkedHashMap<>();
        n.path("guidance").fields().forEachRemaining(e -> guidance.put(e.getKey(), e.getValue().asText()));
        return new PromptTemplate(required(n, "symptomSet"), required(n, "system"), required(n, "user"),
                required(n, "examples"), required(n, "repair"), required(n, "schema"), guidance);
    }

    /** Stores this template as {@code <dir>/<version>.json} and returns the file. */
    public Path store(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(version() + ".json");
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * The template of a version: the bundled one, or {@code <dir>/<version>.json}, checked against its
     * digest so that a file edited by hand is not mistaken for the version it is named after.
     */
    public static PromptTemplate load(String version, String symptomSet, Path dir) throws IOException {
        PromptTemplate bundled = bundled(symptomSet);
        if (bundled.version().equals(version)) {
            return bundled;
        }
        Path file = dir == null ? null : dir.resolve(version + ".json");
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("prompt version " + version + " is neither the bundled prompt ("
                    + bundled.version() + ") nor stored" + (dir == null ? "" : " in " + dir));
        }
        PromptTemplate t = fromJson(Files.readString(file, StandardCharsets.UTF_8));
        if (!t.version().equals(version)) {
            throw new IllegalArgumentException(file + " holds prompt " + t.version() + ", not " + version
                    + " (edited after it was stored?)");
        }
        return t;
    }

    private static String required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("prompt file lacks text field '" + field + "'");
        }
        return v.asText();
    }

    private static JsonNode readJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("prompt file is not JSON: " + e.getMessage(), e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = PromptTemplate.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("prompt resource " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
