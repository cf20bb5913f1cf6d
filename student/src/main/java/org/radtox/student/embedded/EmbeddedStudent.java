package org.radtox.student.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.radtox.student.Student;
import org.radtox.student.UnreadableNoteException;
import org.radtox.student.assertion.Assertion;
import org.radtox.student.assertion.AssertionDetector;
import org.radtox.student.assertion.ContextRules;
import org.radtox.student.catalog.CtcaeCatalog;
import org.radtox.student.finding.Finding;
import org.radtox.student.grading.Grader;
import org.radtox.student.grading.GradingRules;
import org.radtox.student.mention.Lexicon;
import org.radtox.student.mention.Mention;
import org.radtox.student.mention.MentionFinder;
import org.radtox.student.note.Note;
import org.radtox.student.segmentation.Clause;
import org.radtox.student.segmentation.NoteSegmenter;
import org.radtox.student.segmentation.SegmentedNote;
import org.radtox.student.symptoms.Symptom;
import org.radtox.student.symptoms.SymptomSet;

/**
 * The student that runs in-process with no model, no network and no server: segmentation, then
 * mentions from the lexicon, then assertion in context, then one finding per symptom, graded by CTCAE
 * cues. Deterministic and thread-safe; every part is data ({@link Lexicon}, {@link ContextRules},
 * {@link GradingRules}, sections) that refinement can propose changes to.
 */
public final class EmbeddedStudent implements Student {

    /** A note longer than this is refused rather than read slowly: no clinical note is this long. */
    public static final int DEFAULT_MAX_NOTE_CHARS = 100_000;

    private final SymptomSet symptoms;
    private final Lexicon lexicon;
    private final NoteSegmenter segmenter;
    private final MentionFinder mentions;
    private final AssertionDetector assertions;
    private final FindingResolver resolver;
    private final GradeFloors gradeFloors;
    private final int maxNoteChars;
    private final String version;

    private EmbeddedStudent(Builder b) {
        this.symptoms = b.symptoms;
        this.lexicon = b.lexicon;
        this.segmenter = b.segmenter;
        this.mentions = new MentionFinder(b.lexicon);
        this.assertions = new AssertionDetector(b.contextRules);
        this.resolver = new FindingResolver(new Grader(b.gradingRules, assertions));
        this.gradeFloors = new GradeFloors(b.gradingRules);
        this.maxNoteChars = b.maxNoteChars;
        this.version = "embedded@" + b.lexicon.version();
    }

    /** The student with the bundled data of the default symptom set. */
    public static EmbeddedStudent bundled() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String version() {
        return version;
    }

    public SymptomSet symptomSet() {
        return symptoms;
    }

    public Lexicon lexicon() {
        return lexicon;
    }

    @Override
    public List<Finding> extract(Note note) {
        String text = note.text();
        if (text.isBlank()) {
            throw new UnreadableNoteException("note text is empty");
        }
        if (text.length() > maxNoteChars) {
            throw new UnreadableNoteException("note text is " + text.length() + " characters, more than the limit of "
                    + maxNoteChars + " for one note");
        }
        SegmentedNote segmented = segmenter.segment(note);
        Map<String, List<AssessedMention>> bySymptom = new LinkedHashMap<>();
        List<Mention> found = mentions.find(segmented);
        for (Mention m : found) {
            segmented.clauseAt(m.start()).ifPresent(clause -> {
                Assertion a = assertions.assess(text, clause, m.start(), m.end(), m.polarity(), found);
                bySymptom.computeIfAbsent(m.symptom(), k -> new ArrayList<>()).add(new AssessedMention(m, clause, a));
            });
        }
        Map<String, Finding> bySymptomKey = new LinkedHashMap<>();
        for (Symptom symptom : symptoms.symptoms()) {
            List<AssessedMention> ms = bySymptom.get(symptom.key());
            if (ms != null) {
                resolver.resolve(symptom, segmented, ms, found).ifPresent(f -> bySymptomKey.put(symptom.key(), f));
            }
        }
        return gradeFloors.apply(symptoms, bySymptomKey);
    }

    /** Explains how each mention was read: for people tuning the lexicon and rules. */
    public List<String> explain(Note note) {
        String text = note.text();
        SegmentedNote segmented = segmenter.segment(note);
        List<String> lines = new ArrayList<>();
        List<Mention> found = mentions.find(segmented);
        for (Mention m : found) {
            Clause c = segmented.clauseAt(m.start()).orElse(null);
            String assertion = c == null ? "outside any clause"
                    : assertions.assess(text, c, m.start(), m.end(), m.polarity(), found).name();
            lines.add(m.symptom() + " '" + text.substring(m.start(), m.end()) + "' " + assertion
                    + (c == null ? "" : " [" + c.section().kind() + "] «" + c.text(text) + "»"));
        }
        return lines;
    }

    /** Configuration of an embedded student, langchain4j style: every part defaults to the bundled data. */
    public static final class Builder {
        private CtcaeCatalog catalog;
        private SymptomSet symptoms;
        private Lexicon lexicon;
        private ContextRules contextRules;
        private GradingRules gradingRules;
        private NoteSegmenter segmenter;
        private int maxNoteChars = DEFAULT_MAX_NOTE_CHARS;

        public Builder catalog(CtcaeCatalog catalog) {
            this.catalog = catalog;
            return this;
        }

        public Builder symptomSet(SymptomSet symptoms) {
            this.symptoms = symptoms;
            return this;
        }

        public Builder lexicon(Lexicon lexicon) {
            this.lexicon = lexicon;
            return this;
        }

        public Builder contextRules(ContextRules rules) {
            this.contextRules = rules;
            return this;
        }

        public Builder gradingRules(GradingRules rules) {
            this.gradingRules = rules;
            return this;
        }

        public Builder segmenter(NoteSegmenter segmenter) {
            this.segmenter = segmenter;
            return this;
        }

        public Builder maxNoteChars(int maxNoteChars) {
            if (maxNoteChars < 1) {
                throw new IllegalArgumentException("maxNoteChars must be positive");
            }
            this.maxNoteChars = maxNoteChars;
            return this;
        }

        public EmbeddedStudent build() {
            if (catalog == null) {
                catalog = CtcaeCatalog.bundled();
            }
            if (symptoms == null) {
                symptoms = SymptomSet.bundled(SymptomSet.DEFAULT_ID, catalog);
            }
            if (lexicon == null) {
                lexicon = Lexicon.bundled(symptoms.id());
            }
            if (contextRules == null) {
                contextRules = ContextRules.bundled();
            }
            if (gradingRules == null) {
                gradingRules = GradingRules.bundled(symptoms.id());
            }
            if (segmenter == null) {
                segmenter = NoteSegmenter.bundled();
            }
            for (Symptom s : symptoms.symptoms()) {
                Objects.requireNonNull(lexicon.entry(s.key()).orElse(null),
                        () -> "lexicon " + lexicon.version() + " has no entry for symptom '" + s.key() + "'");
            }
            return new EmbeddedStudent(this);
        }
    }
}
