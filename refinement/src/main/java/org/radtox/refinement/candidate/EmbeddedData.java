package org.radtox.refinement.candidate;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.radtox.student.assertion.ContextRules;
import org.radtox.student.catalog.CtcaeCatalog;
import org.radtox.student.data.BundledJson;
import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.grading.GradingRules;
import org.radtox.student.mention.Lexicon;
import org.radtox.student.segmentation.NoteSegmenter;
import org.radtox.student.symptoms.SymptomSet;
import org.radtox.student.version.StudentVersion;

/**
 * What plays the prompt's role for the embedded student: its lexicon, assertion rules and grade cues, as
 * the JSON documents the student reads. A candidate is the parent's data with edits applied; its version
 * is named by the digest of the three documents, so equal data is one version wherever it was made.
 */
public final class EmbeddedData {

    public static final String KIND = "embedded";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The parts every embedded student shares and no teacher edits; loaded once (they are immutable). */
    private static final class Fixed {
        static final CtcaeCatalog CATALOG = CtcaeCatalog.bundled();
        static final SymptomSet SYMPTOMS = SymptomSet.bundled(SymptomSet.DEFAULT_ID, CATALOG);
        static final NoteSegmenter SEGMENTER = NoteSegmenter.bundled();
    }

    private final ObjectNode lexicon;
    private final ObjectNode contextRules;
    private final ObjectNode grading;
    // Compiled forms, built on first use; benign races (the results are equal and immutable).
    private volatile Lexicon compiledLexicon;
    private volatile ContextRules compiledRules;
    private volatile GradingRules compiledGrading;
    private volatile EmbeddedStudent student;

    private EmbeddedData(ObjectNode lexicon, ObjectNode contextRules, ObjectNode grading) {
        this.lexicon = lexicon;
        this.contextRules = contextRules;
        this.grading = grading;
    }

    /** The data bundled with the student: the release {@code embedded@<lexicon version>}. */
    public static EmbeddedData bundled() {
        String set = SymptomSet.DEFAULT_ID;
        return new EmbeddedData(
                (ObjectNode) BundledJson.read(Lexicon.class, set + ".lexicon.json", "lexicon"),
                (ObjectNode) BundledJson.read(ContextRules.class, "context-rules.json", "assertion rules"),
                (ObjectNode) BundledJson.read(GradingRules.class, set + ".grading.json", "grading rules"));
    }

    /** Data stored as JSON texts (a registry row, an exported version). */
    public static EmbeddedData of(String lexiconJson, String contextRulesJson, String gradingJson) {
        return new EmbeddedData(object(lexiconJson, "lexicon"), object(contextRulesJson, "context rules"),
                object(gradingJson, "grading rules"));
    }

    private static ObjectNode object(String json, String what) {
        try {
            JsonNode n = JSON.readTree(json);
            if (!(n instanceof ObjectNode o)) {
                throw new IllegalArgumentException(what + " is not a JSON object");
            }
            return o;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage());
        }
    }

    public static SymptomSet symptomSet() {
        return Fixed.SYMPTOMS;
    }

    /**
     * This data with the edits applied, named by its content. Every edit is checked first, so a bad one
     * fails before anything is built.
     */
    public EmbeddedData with(List<Edit> edits) {
        ObjectNode lx = lexicon.deepCopy();
        ObjectNode cr = contextRules.deepCopy();
        ObjectNode gr = grading.deepCopy();
        for (Edit e : edits) {
            e.check(Fixed.SYMPTOMS);
            switch (e.document()) {
                case LEXICON -> e.applyTo(lx);
                case CONTEXT_RULES -> e.applyTo(cr);
                case GRADING -> e.applyTo(gr);
            }
        }
        EmbeddedData derived = new EmbeddedData(lx, cr, gr);
        lx.put("version", derived.contentVersion().id().substring(KIND.length() + 1));
        java.util.Set<Edit.Document> touched = java.util.EnumSet.noneOf(Edit.Document.class);
        edits.forEach(e -> touched.add(e.document()));
        if (!touched.contains(Edit.Document.LEXICON) && compiledLexicon != null) {
            derived.compiledLexicon = compiledLexicon.withVersion(lx.path("version").asText());
        }
        if (!touched.contains(Edit.Document.CONTEXT_RULES)) {
            derived.compiledRules = compiledRules;
        }
        if (!touched.contains(Edit.Document.GRADING)) {
            derived.compiledGrading = compiledGrading;
        }
        return derived;
    }

    /** The version this data is: {@code embedded@<lexicon version>}, a digest for every derived candidate. */
    public StudentVersion version() {
        StudentVersion content = contentVersion();
        String id = KIND + "@" + lexicon.path("version").asText("unversioned");
        return id.equals(content.id()) ? content : StudentVersion.named(id, KIND, content.parts());
    }

    private StudentVersion contentVersion() {
        ObjectNode lx = lexicon.deepCopy();
        lx.remove("version");
        return StudentVersion.contentAddressed(KIND, Map.of(
                "lexicon", StudentVersion.sha256(text(lx)),
                "context-rules", StudentVersion.sha256(text(contextRules)),
                "grading", StudentVersion.sha256(text(grading)),
                "symptom-set", Fixed.SYMPTOMS.id()));
    }

    /** A student that reads this data (compiling the phrases takes some tens of milliseconds, once). */
    public EmbeddedStudent student() {
        EmbeddedStudent s = student;
        if (s == null) {
            s = EmbeddedStudent.builder().catalog(Fixed.CATALOG).symptomSet(Fixed.SYMPTOMS).segmenter(Fixed.SEGMENTER)
                    .lexicon(lexicon()).contextRules(contextRules()).gradingRules(gradingRules()).build();
            student = s;
        }
        return s;
    }

    /** The compiled lexicon; a candidate that did not edit it shares its parent's. */
    public Lexicon lexicon() {
        if (compiledLexicon == null) {
            compiledLexicon = Lexicon.read(lexicon);
        }
        return compiledLexicon;
    }

    public ContextRules contextRules() {
        if (compiledRules == null) {
            compiledRules = ContextRules.read(contextRules);
        }
        return compiledRules;
    }

    public GradingRules gradingRules() {
        if (compiledGrading == null) {
            compiledGrading = GradingRules.read(grading);
        }
        return compiledGrading;
    }

    public static NoteSegmenter segmenter() {
        return Fixed.SEGMENTER;
    }

    /** A copy of one of the three documents, for reading (a teacher learns the student's vocabulary from it). */
    public JsonNode document(Edit.Document which) {
        return switch (which) {
            case LEXICON -> lexicon.deepCopy();
            case CONTEXT_RULES -> contextRules.deepCopy();
            case GRADING -> grading.deepCopy();
        };
    }

    public String lexiconJson() {
        return text(lexicon);
    }

    public String contextRulesJson() {
        return text(contextRules);
    }

    public String gradingJson() {
        return text(grading);
    }

    private static String text(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
