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
 * A set of phrase patterns matched at word starts, indexed by the character a match can begin with: at
 * "u" only the phrases that can begin with "u" are tried. This is a one-level trie over regular
 * expressions, and it is what makes a lexicon of hundreds of phrases cheap on long notes. Which
 * characters a phrase can begin with is asked of the regex engine itself ({@link Matcher#hitEnd()}).
 */
public final class PhraseSet {

    private static final String PROBE = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Map<Character, Pattern> byFirstChar;

    private PhraseSet(Map<Character, Pattern> byFirstChar) {
        this.byFirstChar = byFirstChar;
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
        Map<Character, List<String>> grouped = new LinkedHashMap<>();
        for (String phrase : phrases) {
            Pattern p = Pattern.compile(phrase, Pattern.CASE_INSENSITIVE);
            for (char c : PROBE.toCharArray()) {
                if (canStartWith(p, c) || canStartWith(p, Character.toUpperCase(c))) {
                    grouped.computeIfAbsent(c, k -> new ArrayList<>()).add(phrase);
                }
            }
        }
        Map<Character, Pattern> byFirstChar = new HashMap<>();
        grouped.forEach((c, list) -> byFirstChar.put(c, PhrasePatterns.compile(list)));
        return new PhraseSet(byFirstChar);
    }

    private static boolean canStartWith(Pattern p, char c) {
        Matcher m = p.matcher(String.valueOf(c));
        return m.lookingAt() || m.hitEnd();
    }

    /** The end of the longest-first phrase that matches at {@code start}, or -1. */
    public int matchAt(String text, int start) {
        Pattern p = byFirstChar.get(Character.toLowerCase(text.charAt(start)));
        if (p == null) {
            return -1;
        }
        Matcher m = p.matcher(text).region(start, text.length());
        return m.lookingAt() && m.end() > start ? m.end() : -1;
    }
}
