package org.radtox.refinement.candidate;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.radtox.student.assertion.ContextRules.Category;
import org.radtox.student.symptoms.SymptomSet;

/**
 * One change to the embedded student's data, what a teacher proposes instead of code: a phrase added to
 * one list of the lexicon, the assertion rules or the grade cues. The cases are closed, so that every edit
 * a teacher can make is one a reviewer can read in a sentence ({@link #describe()}).
 */
public sealed interface Edit permits Edit.LexiconPhrase, Edit.ContextTrigger, Edit.PseudoTrigger, Edit.GradeCuePhrase {

    /** Which data file the edit changes. */
    enum Document {
        LEXICON, CONTEXT_RULES, GRADING
    }

    /** Which list of a symptom's lexicon entry a phrase joins. */
    enum LexiconRole {
        /** names the symptom; the context decides present or absent */
        MENTION("mentions"),
        /** states absence by itself ("fully continent") */
        ABSENT_MENTION("absentMentions"),
        /** a context that makes an overlapping mention about something else */
        EXCLUSION("exclusions");

        final String field;

        LexiconRole(String field) {
            this.field = field;
        }
    }

    /** Where an assertion trigger stands relative to the mention. */
    enum Side {
        BEFORE("before"), AFTER("after");

        final String field;

        Side(String field) {
            this.field = field;
        }
    }

    Document document();

    /** The symptom the edit is about, or {@code null} for one that concerns every symptom (a trigger). */
    String symptom();

    /** The phrase: a Java regular expression, case-insensitive, matched on word edges. */
    String phrase();

    String describe();

    /** Applies the edit to a copy of its document's root (the caller copies). */
    void applyTo(ObjectNode root);

    /** Fails with a message a teacher's operator can act on when the edit cannot be applied to this symptom set. */
    default void check(SymptomSet symptoms) {
        if (phrase() == null || phrase().isBlank()) {
            throw new InvalidEditException("an edit needs a non-empty phrase: " + this);
        }
        if (phrase().length() > 200) {
            throw new InvalidEditException("phrase longer than 200 characters: " + phrase());
        }
        try {
            Pattern p = Pattern.compile(phrase(), Pattern.CASE_INSENSITIVE);
            if (p.matcher("").matches()) {
                throw new InvalidEditException("phrase '" + phrase() + "' matches the empty string");
            }
        } catch (PatternSyntaxException e) {
            throw new InvalidEditException("phrase '" + phrase() + "' is not a valid regular expression: " + e.getDescription());
        }
        if (symptom() != null && symptoms.symptom(symptom()).isEmpty()) {
            throw new InvalidEditException("unknown symptom '" + symptom() + "' (symptom set " + symptoms.id() + ")");
        }
    }

    /** A phrase for one list of one symptom's lexicon entry. */
    record LexiconPhrase(String symptom, LexiconRole role, String phrase) implements Edit {
        @Override
        public Document document() {
            return Document.LEXICON;
        }

        @Override
        public String describe() {
            return switch (role) {
                case MENTION -> symptom + ": '" + phrase + "' names it";
                case ABSENT_MENTION -> symptom + ": '" + phrase + "' says it is absent";
                case EXCLUSION -> symptom + ": '" + phrase + "' is about something else";
            };
        }

        @Override
        public void applyTo(ObjectNode root) {
            ObjectNode entry = (ObjectNode) root.path("symptoms").get(symptom);
            if (entry == null) {
                throw new InvalidEditException("the lexicon has no entry for '" + symptom + "'");
            }
            add(entry.has(role.field) ? (ArrayNode) entry.get(role.field) : entry.putArray(role.field), phrase);
        }
    }

    /** A ConText trigger of one category, standing before or after the mention it governs. */
    record ContextTrigger(Category category, Side side, String phrase) implements Edit {
        @Override
        public Document document() {
            return Document.CONTEXT_RULES;
        }

        @Override
        public String symptom() {
            return null;
        }

        @Override
        public String describe() {
            return "'" + phrase + "' " + (side == Side.BEFORE ? "before" : "after") + " a symptom makes it "
                    + category.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        @Override
        public void applyTo(ObjectNode root) {
            ObjectNode rules = root.withObjectProperty("rules");
            ObjectNode cat = rules.has(category.name()) ? (ObjectNode) rules.get(category.name()) : rules.putObject(category.name());
            add(cat.has(side.field) ? (ArrayNode) cat.get(side.field) : cat.putArray(side.field), phrase);
        }

        @Override
        public void check(SymptomSet symptoms) {
            Edit.super.check(symptoms);
            if (category == Category.AFFIRMED || category == Category.CURRENT) {
                throw new InvalidEditException("triggers are proposed for negated, resolved, historical, hypothetical, "
                        + "other-person or uncertain contexts, not " + category);
            }
        }
    }

    /** Words that look like a trigger but are not one here ("no change", "not only"). */
    record PseudoTrigger(String phrase) implements Edit {
        @Override
        public Document document() {
            return Document.CONTEXT_RULES;
        }

        @Override
        public String symptom() {
            return null;
        }

        @Override
        public String describe() {
            return "'" + phrase + "' is not a trigger (pseudo-trigger)";
        }

        @Override
        public void applyTo(ObjectNode root) {
            add(root.has("pseudo") ? (ArrayNode) root.get("pseudo") : root.putArray("pseudo"), phrase);
        }
    }

    /** A phrase that points at a CTCAE grade of one symptom ("started tamsulosin" for frequency grade 2). */
    record GradeCuePhrase(String symptom, int grade, String phrase) implements Edit {
        @Override
        public Document document() {
            return Document.GRADING;
        }

        @Override
        public String describe() {
            return symptom + ": '" + phrase + "' points at grade " + grade;
        }

        @Override
        public void applyTo(ObjectNode root) {
            ObjectNode entry = (ObjectNode) root.path("symptoms").get(symptom);
            if (entry == null) {
                throw new InvalidEditException("the grading rules have no entry for '" + symptom + "'");
            }
            ArrayNode cues = entry.has("cues") ? (ArrayNode) entry.get("cues") : entry.putArray("cues");
            for (var cue : cues) {
                if (cue.path("grade").asInt() == grade) {
                    add((ArrayNode) cue.get("phrases"), phrase);
                    return;
                }
            }
            ObjectNode cue = cues.addObject();
            cue.put("grade", grade);
            cue.putArray("phrases").add(phrase);
        }

        @Override
        public void check(SymptomSet symptoms) {
            Edit.super.check(symptoms);
            var s = symptoms.symptom(symptom).orElseThrow();
            if (grade < 1 || !s.allowsGrade(grade)) {
                throw new InvalidEditException("grade " + grade + " is not a CTCAE v5.0 grade of " + s.term().name()
                        + " (it defines " + s.grades() + ")");
            }
        }
    }

    private static void add(ArrayNode list, String phrase) {
        for (var existing : list) {
            if (existing.asText().equals(phrase)) {
                return;
            }
        }
        list.add(phrase);
    }
}
