package org.radtox.llm.retrieval;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.radtox.student.finding.Status;
import org.radtox.student.version.StudentVersion;

/**
 * The labeled gold snippets a retrieval index is built from, with the embedding model that indexes them.
 * Its version ({@code rag@<12 hex>}) is the digest of both, so an index built from the same snippets with
 * the same model is the same index, wherever it is stored. Stored as JSONL, one {@link GoldExample} a line.
 */
public final class ExampleBank {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<GoldExample> examples;
    private final String embeddingModel;
    private final String version;

    public ExampleBank(List<GoldExample> examples, String embeddingModel) {
        List<GoldExample> sorted = new ArrayList<>(examples);
        sorted.sort(Comparator.comparing(GoldExample::id));
        Set<String> ids = new HashSet<>();
        for (GoldExample e : sorted) {
            if (!ids.add(e.id())) {
                throw new IllegalArgumentException("gold example id " + e.id() + " appears twice");
            }
        }
        this.examples = List.copyOf(sorted);
        this.embeddingModel = embeddingModel;
        StringBuilder canonical = new StringBuilder(embeddingModel).append('\n');
        this.examples.forEach(e -> canonical.append(line(e)).append('\n'));
        this.version = "rag@" + StudentVersion.sha256(canonical.toString()).substring(0, 12);
    }

    public List<GoldExample> examples() {
        return examples;
    }

    public String embeddingModel() {
        return embeddingModel;
    }

    public String version() {
        return version;
    }

    public int size() {
        return examples.size();
    }

    /** One JSONL line: {"id","text","symptom","status","grade","rationale"}. */
    public static String line(GoldExample e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", e.id());
        n.put("text", e.text());
        n.put("symptom", e.symptom());
        n.put("status", e.status().code());
        if (e.grade() == null) {
            n.putNull("grade");
        } else {
            n.put("grade", e.grade());
        }
        n.put("rationale", e.rationale());
        return n.toString();
    }

    public static GoldExample parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            JsonNode grade = n.get("grade");
            return new GoldExample(n.path("id").asText(), n.path("text").asText(), n.path("symptom").asText(),
                    Status.ofCode(n.path("status").asText()), grade == null || grade.isNull() ? null : grade.asInt(),
                    n.path("rationale").asText(""));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a gold example line: " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"embeddingModel\":" + JSON.writeValueAsString(embeddingModel) + "}\n");
            for (GoldExample e : examples) {
                w.write(line(e));
                w.write('\n');
            }
        }
    }

    /** Reads a bank written by {@link #write}: a header line with the embedding model, then one example a line. */
    public static ExampleBank read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !JSON.readTree(header).has("embeddingModel")) {
                throw new IllegalArgumentException(file + " is not an example bank (no embeddingModel header)");
            }
            String model = JSON.readTree(header).get("embeddingModel").asText();
            List<GoldExample> examples = new ArrayList<>();
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    try {
                        examples.add(parse(line));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(file + " line " + n + ": " + e.getMessage(), e);
                    }
                }
            }
            return new ExampleBank(examples, model);
        }
    }
}
