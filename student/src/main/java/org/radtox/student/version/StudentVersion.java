package org.radtox.student.version;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One immutable student configuration, named by the digest of what it is made of, so that two
 * versions with the same parts have the same id and a finding's version says exactly what produced it.
 *
 * <p>{@code kind} says which family builds it ({@code embedded}, {@code ollama}, {@code openai}, ...);
 * {@code parts} names its components and pins each one by value or digest: for the embedded student the
 * digests of its lexicon, context rules and grading rules; for an LLM student the backend, model, prompt
 * version, retrieval index version, adapter and thresholds. Lineage (parent, round, strategy, teacher)
 * is the registry's business, not part of what a version is.
 *
 * @param id    {@code kind@<12 hex digits>} for a content-addressed version, or a release name such as
 *              {@code embedded@2026-11-28.1}
 * @param kind  the family that can build a student from these parts
 * @param parts component name to value or digest, in a stable order
 */
public record StudentVersion(String id, String kind, Map<String, String> parts) {

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]*");

    public StudentVersion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("student kind '" + kind + "' must be lower-case letters, digits and '-'");
        }
        if (!id.startsWith(kind + "@")) {
            throw new IllegalArgumentException("student version id '" + id + "' must start with '" + kind + "@'");
        }
        parts = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(parts));
    }

    /** A version named by the digest of its kind and parts. */
    public static StudentVersion contentAddressed(String kind, Map<String, String> parts) {
        return new StudentVersion(kind + "@" + digest(kind, new TreeMap<>(parts)).substring(0, 12), kind, parts);
    }

    /** A version with a release name (kept for versions people refer to by name). */
    public static StudentVersion named(String id, String kind, Map<String, String> parts) {
        return new StudentVersion(id, kind, parts);
    }

    /** The full SHA-256 of kind and parts, in a canonical form that does not depend on map order. */
    public String digest() {
        return digest(kind, new TreeMap<>(parts));
    }

    /** The SHA-256 of a text, for pinning a component by content. */
    public static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String digest(String kind, TreeMap<String, String> parts) {
        StringBuilder canonical = new StringBuilder(kind).append('\n');
        parts.forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
        return sha256(canonical.toString());
    }
}
