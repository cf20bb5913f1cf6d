package org.radtox.llm.version;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.radtox.student.version.StudentVersion;

/**
 * A folder of student version manifests ({@code students/} by default): one JSON file per version,
 * {@code <id>.json} = {@code {"id": ..., "kind": ..., "parts": {...}}}, beside the components versions
 * name ({@code prompts/}, {@code indexes/}). Anything that defines versions (the command line, refinement's
 * registry) writes here; anything that runs a student by name reads here. A content-addressed id is
 * checked against its parts when read, so an edited manifest is refused rather than run under a false name.
 */
public final class StudentManifests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public StudentManifests(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path prompts() {
        return dir.resolve("prompts");
    }

    public Path indexes() {
        return dir.resolve("indexes");
    }

    /** Writes the manifest (an existing one of the same id has the same content by construction). */
    public Path write(StudentVersion v) throws IOException {
        Files.createDirectories(dir);
        ObjectNode root = JSON.createObjectNode();
        root.put("id", v.id());
        root.put("kind", v.kind());
        ObjectNode parts = root.putObject("parts");
        v.parts().forEach(parts::put);
        Path file = dir.resolve(v.id() + ".json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** The version of that id, if a manifest names it. */
    public Optional<StudentVersion> find(String id) {
        if (id.contains("/") || id.contains("\\") || id.startsWith(".")) {
            return Optional.empty();
        }
        Path file = dir.resolve(id + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        StudentVersion v = read(file);
        if (!v.id().equals(id)) {
            throw new IllegalArgumentException(file + " names version " + v.id() + ", not " + id);
        }
        return Optional.of(v);
    }

    /** Every version with a manifest here, by id. */
    public List<StudentVersion> list() throws IOException {
        List<StudentVersion> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*@*.json")) {
            for (Path f : files) {
                all.add(read(f));
            }
        }
        all.sort(java.util.Comparator.comparing(StudentVersion::id));
        return all;
    }

    static StudentVersion read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("student manifest " + file + " is unreadable: " + e.getMessage(), e);
        }
        Map<String, String> parts = new LinkedHashMap<>();
        root.path("parts").fields().forEachRemaining(e -> parts.put(e.getKey(), e.getValue().asText()));
        StudentVersion v = new StudentVersion(root.path("id").asText(), root.path("kind").asText(), parts);
        if (v.id().matches("[a-z][a-z0-9-]*@[0-9a-f]{12}")
                && !StudentVersion.contentAddressed(v.kind(), v.parts()).id().equals(v.id())) {
            throw new IllegalArgumentException("student manifest " + file + " does not match its id " + v.id()
                    + " (its parts were edited; define a new version instead)");
        }
        return v;
    }
}
