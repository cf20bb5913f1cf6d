package org.radtox.student.mention;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a list of phrase patterns from a data file into one regular expression that only matches whole
 * words: "ED" must not fire inside "RECORDED". Case-insensitive unless a phrase says {@code (?-i:...)}.
 */
public final class PhrasePatterns {

    /**
     * A word edge where the phrase has a word character at that end, and no constraint where it has
     * punctuation (so that " - " or "+" can be phrases too).
     */
    private static final String EDGE = "(?:(?<![\\p{L}\\p{N}])|(?![\\p{L}\\p{N}]))";

    private PhrasePatterns() {
    }

    /** One alternation of the phrases, or {@code null} when there are none. */
    public static Pattern compile(JsonNode phrases) {
        return compile(strings(phrases));
    }

    /** The strings of a JSON array (an absent field is an empty list). */
    public static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(p -> list.add(p.asText()));
        return list;
    }

    public static Pattern compile(List<String> phrases) {
        if (phrases.isEmpty()) {
            return null;
        }
        // Longest first, so that "never had" is tried before "never" at the same place.
        String alternation = String.join("|", phrases.stream()
                .sorted(java.util.Comparator.comparingInt(String::length).reversed())
                .map(p -> "(?:" + p + ")").toList());
        try {
            return Pattern.compile(EDGE + "(?:" + alternation + ")" + EDGE,
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("a phrase pattern does not compile: " + e.getDescription()
                    + " in " + phrases, e);
        }
    }
}
