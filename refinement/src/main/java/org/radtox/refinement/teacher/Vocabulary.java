package org.radtox.refinement.teacher;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.radtox.refinement.candidate.Edit.Document;
import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.teacher.PhraseIndex.Word;
import org.radtox.student.assertion.ContextRules.Category;

/**
 * The words the student already knows, read from its own data: per symptom the words of its lexicon phrases,
 * per grade the words of the grade cues, per context category the words of its triggers. The offline teacher
 * proposes only phrases that hold such a word ("phrases around evidence the lexicon lacks"): a phrase with no
 * word of the symptom's vocabulary ("how", "dog") is a coincidence of the train notes, not a way of saying it.
 */
final class Vocabulary {

    /** Letter runs in a regular expression's source: the words its phrases are made of. */
    private static final Pattern LETTERS = Pattern.compile("(?<![\\\\?])\\b\\p{Ll}{3,}");

    private final Map<String, Set<String>> bySymptom = new HashMap<>();
    private final Set<String> gradeCues = new HashSet<>();
    private final Map<Category, Set<String>> byCategory = new HashMap<>();
    private final Set<String> allTriggers = new HashSet<>();
    private final Set<String> absence = new HashSet<>();
    private final Set<String> functionWords;

    Vocabulary(EmbeddedData data, Set<String> functionWords) {
        this.functionWords = functionWords;
        JsonNode lexicon = data.document(Document.LEXICON).path("symptoms");
        lexicon.properties().forEach(e -> {
            Set<String> words = new HashSet<>(List.of(e.getKey().split("_")));
            for (String list : List.of("mentions", "absentMentions")) {
                e.getValue().path(list).forEach(p -> collect(p.asText(), words));
            }
            e.getValue().path("absentMentions").forEach(p -> collect(p.asText(), absence));
            e.getValue().path("contextMentions").forEach(c -> {
                c.path("phrases").forEach(p -> collect(p.asText(), words));
                collect(c.path("clauseContext").toString(), words);
            });
            bySymptom.put(e.getKey(), words);
        });
        data.document(Document.GRADING).path("symptoms").forEach(s -> s.path("cues").forEach(cue -> {
            if (cue.path("grade").asInt() >= 2) {
                cue.path("phrases").forEach(p -> collect(p.asText(), gradeCues));
            }
        }));
        data.document(Document.CONTEXT_RULES).path("rules").properties().forEach(e -> {
            Set<String> words = new HashSet<>();
            for (String side : List.of("before", "after")) {
                e.getValue().path(side).forEach(p -> collect(p.asText(), words));
            }
            // Short trigger words ("no", "not", "nor") are below the three letters a word needs in a regex.
            e.getValue().path("before").forEach(p -> {
                String t = p.asText().toLowerCase(Locale.ROOT);
                if (t.matches("\\p{L}{2}")) {
                    words.add(t);
                }
            });
            Category category = Category.valueOf(e.getKey());
            byCategory.put(category, words);
            allTriggers.addAll(words);
            if (category == Category.NEGATED || category == Category.RESOLVED) {
                absence.addAll(words);
            }
        });
    }

    private void collect(String regex, Set<String> into) {
        Matcher m = LETTERS.matcher(regex.toLowerCase(Locale.ROOT));
        while (m.find()) {
            if (!functionWords.contains(m.group())) {
                into.add(m.group());
            }
        }
    }

    /** Whether a word is one of the symptom's own (by itself, or as the stem of a longer word). */
    boolean symptomWord(String symptom, Word word) {
        return holds(bySymptom.getOrDefault(symptom, Set.of()), List.of(word));
    }

    /** Words that say something is not there: negation and resolution triggers, words of absent-mentions. */
    boolean statesAbsence(List<Word> phrase) {
        return holds(absence, phrase);
    }

    boolean gradeCue(List<Word> phrase) {
        return holds(gradeCues, phrase);
    }

    boolean trigger(Category category, List<Word> phrase) {
        return holds(byCategory.getOrDefault(category, Set.of()), phrase);
    }

    boolean anyTrigger(List<Word> phrase) {
        return holds(allTriggers, phrase);
    }

    /** A word of the phrase is a known word, or begins with one of five letters or more ("urinat" in "urinating"). */
    private static boolean holds(Set<String> known, List<Word> phrase) {
        for (Word w : phrase) {
            String k = w.key();
            if (known.contains(k)) {
                return true;
            }
            for (int n = 5; n < k.length(); n++) {
                if (known.contains(k.substring(0, n))) {
                    return true;
                }
            }
        }
        return false;
    }
}
