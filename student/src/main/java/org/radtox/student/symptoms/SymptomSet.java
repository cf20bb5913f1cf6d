package org.radtox.student.symptoms;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.radtox.student.catalog.CtcaeCatalog;
import org.radtox.student.catalog.CtcaeTerm;
import org.radtox.student.data.BundledJson;

/**
 * The symptoms a site watches, as data: a JSON file maps each key to a CTCAE term. A site that watches
 * head-and-neck toxicities adds a file ({@code symptoms/<id>.json}), not a class.
 */
public final class SymptomSet {

    public static final String DEFAULT_ID = "prostate-rt";

    private final String id;
    private final String title;
    private final Map<String, Symptom> byKey;

    private SymptomSet(String id, String title, Map<String, Symptom> byKey) {
        this.id = id;
        this.title = title;
        this.byKey = Collections.unmodifiableMap(byKey);
    }

    /** A symptom set bundled as a resource, e.g. {@code prostate-rt}. */
    public static SymptomSet bundled(String id, CtcaeCatalog catalog) {
        return read(BundledJson.read(SymptomSet.class, id + ".json", "symptom set '" + id + "'"), catalog);
    }

    public static SymptomSet prostateRt() {
        return bundled(DEFAULT_ID, CtcaeCatalog.bundled());
    }

    /**
     * Checks every entry against the catalog: the term must exist, the MedDRA code must match, and a
     * restricted grade list may only name grades the term defines.
     */
    static SymptomSet read(JsonNode root, CtcaeCatalog catalog) {
        String id = text(root, "id");
        Map<String, Symptom> symptoms = new LinkedHashMap<>();
        for (JsonNode s : root.path("symptoms")) {
            String key = text(s, "key");
            String termName = text(s, "ctcaeTerm");
            CtcaeTerm term = catalog.term(termName).orElseThrow(() -> new IllegalArgumentException(
                    "symptom set " + id + ": '" + key + "' names unknown CTCAE term '" + termName + "'"));
            if (s.has("meddraCode") && s.get("meddraCode").asLong() != term.meddraCode()) {
                throw new IllegalArgumentException("symptom set " + id + ": '" + key + "' MedDRA code "
                        + s.get("meddraCode").asLong() + " is not that of '" + termName + "' (" + term.meddraCode() + ")");
            }
            TreeSet<Integer> grades = new TreeSet<>(term.gradeCriteria().keySet());
            if (s.has("grades")) {
                TreeSet<Integer> restricted = new TreeSet<>();
                s.get("grades").forEach(g -> restricted.add(g.asInt()));
                if (!grades.containsAll(restricted)) {
                    throw new IllegalArgumentException("symptom set " + id + ": '" + key + "' lists grades "
                            + restricted + " but CTCAE defines only " + grades + " for '" + termName + "'");
                }
                grades = restricted;
            }
            if (symptoms.put(key, new Symptom(key, text(s, "display"), term, grades)) != null) {
                throw new IllegalArgumentException("symptom set " + id + ": key '" + key + "' appears twice");
            }
        }
        if (symptoms.isEmpty()) {
            throw new IllegalArgumentException("symptom set " + id + " lists no symptoms");
        }
        return new SymptomSet(id, root.path("title").asText(id), symptoms);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("symptom set entry lacks '" + field + "': " + node);
        }
        return v.asText();
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Optional<Symptom> symptom(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public List<Symptom> symptoms() {
        return new ArrayList<>(byKey.values());
    }

    public List<String> keys() {
        return new ArrayList<>(byKey.keySet());
    }
}
