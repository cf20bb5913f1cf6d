package org.radtox.student.mention;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A set of phrase patterns matched at word starts, indexed by the first two characters a match can begin
 * with: at "ur" only the phrases that can begin with "ur" are tried, and at most word starts none is. This
 * is a two-level trie over regular expressions, and it is what makes a lexicon of hundreds of phrases cheap
 * on long notes. Which characters a phrase can begin with is asked of the regex engine itself
 * ({@link Matcher#hitEnd()}), so phrases stay regular expressions in the data files.
 *
 * <p>A second character the index was not built for (a letter outside ASCII, a symbol) falls back to the
 * phrases that can begin with the first one, so the index only ever skips a phrase that cannot match.
 */
public final class PhraseSet {

    private static final String FIRST = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** Second characters probed: letters, digits, and the punctuation and spacing notes put inside phrases. */
    private static final String SECOND;
    /** {@link #SECOND} as a table: looked up at every word start of every note. */
    private static final boolean[] PROBED_SECOND = new boolean[128];

    static {
        StringBuilder second = new StringBuilder(FIRST).append(" \t\n\r");
        for (char c = '!'; c <= '~'; c++) {
            if (!Character.isLetterOrDigit(c)) {
                second.append(c);
            }
        }
        SECOND = second.toString();
        SECOND.chars().forEach(c -> PROBED_SECOND[c] = true);
    }

    private final Map<Character, Pattern> byFirstChar;
    /** Keyed by {@link #key}; a probed pair no phrase can begin with has no entry. */
    private final Map<Integer, Pattern> byFirstTwoChars;

    private PhraseSet(Map<Character, Pattern> byFirstChar, Map<Integer, Pattern> byFirstTwoChars) {
        this.byFirstChar = byFirstChar;
        this.byFirstTwoChars = byFirstTwoChars;
    }

    /** The phrases of a JSON array, or {@code null} when there are none. */
    public static PhraseSet of(JsonNode phrases) {
        return of(PhrasePatterns.strings(phrases));
    }

    public static PhraseSet of(List<String> phrases) {
        if (phrases.isEmpty()) {
            return null;
        }
        PhrasePatterns.compile(phrases); // fails early, naming the phrases, when one does not compile
        Map<Character, List<String>> byFirst = new LinkedHashMap<>();
        Map<Integer, List<String>> byFirstTwo = new LinkedHashMap<>();
        for (String phrase : phrases) {
            Pattern p = Pattern.compile(phrase, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            for (char first : FIRST.toCharArray()) {
                if (!canStartWith(p, String.valueOf(first))) {
                    continue;
                }
                byFirst.computeIfAbsent(first, k -> new ArrayList<>()).add(phrase);
                for (char second : SECOND.toCharArray()) {
                    if (canStartWith(p, "" + first + second)) {
                        byFirstTwo.computeIfAbsent(key(first, second), k -> new ArrayList<>()).add(phrase);
                    }
                }
            }
        }
        Map<Character, Pattern> first = new HashMap<>();
        byFirst.forEach((c, list) -> first.put(c, PhrasePatterns.compile(list)));
        Map<Integer, Pattern> firstTwo = new HashMap<>();
        byFirstTwo.forEach((k, list) -> firstTwo.put(k, PhrasePatterns.compile(list)));
        return new PhraseSet(first, firstTwo);
    }

    /**
     * Whether a match of the phrase can begin with {@code prefix} in any letter case (a phrase may say
     * {@code (?-i:ED)}): it matches there, or the engine ran out of input before it could tell.
     */
    private static boolean canStartWith(Pattern p, String prefix) {
        for (int caseMask = 0; caseMask < 1 << prefix.length(); caseMask++) {
            char[] cased = prefix.toCharArray();
            for (int i = 0; i < cased.length; i++) {
                if ((caseMask >> i & 1) == 1) {
                    cased[i] = Character.toUpperCase(cased[i]);
                }
            }
            Matcher m = p.matcher(new String(cased));
            if (m.lookingAt() || m.hitEnd()) {
                return true;
            }
        }
        return false;
    }

    private static int key(char first, char second) {
        return first << 16 | second;
    }

    /** The end of the longest-first phrase that matches at {@code start}, or -1. */
    public int matchAt(String text, int start) {
        Pattern p = candidates(text, start);
        if (p == null) {
            return -1;
        }
        Matcher m = p.matcher(text).region(start, text.length());
        return m.lookingAt() && m.end() > start ? m.end() : -1;
    }

    private Pattern candidates(String text, int start) {
        char first = Character.toLowerCase(text.charAt(start));
        if (start + 1 < text.length()) {
            char second = Character.toLowerCase(text.charAt(start + 1));
            // A first character outside FIRST has no entry in either map, so it needs no test of its own.
            if (second < PROBED_SECOND.length && PROBED_SECOND[second]) {
                return byFirstTwoChars.get(key(first, second));
            }
        }
        return byFirstChar.get(first);
    }
}
