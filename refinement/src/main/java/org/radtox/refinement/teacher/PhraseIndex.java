package org.radtox.refinement.teacher;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.radtox.refinement.goldset.GoldSet;

/**
 * Which train notes hold which word sequences (one to four words, numbers generalised): how the offline
 * teacher tells a phrase that recurs across notes from one note's quirk, without running a regular
 * expression over the whole split for every candidate.
 */
final class PhraseIndex {

    static final int MAX_WORDS = 4;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:'\\p{L}+)?");
    private static final Pattern DIGITS = Pattern.compile("\\p{N}+");

    /** One word of a note, at its offsets. */
    record Word(String key, int start, int end) {
    }

    private final Map<String, BitSet> notesByKey = new HashMap<>();
    private final int size;

    PhraseIndex(GoldSet notes) {
        size = notes.size();
        for (int i = 0; i < notes.size(); i++) {
            List<Word> words = words(notes.notes().get(i).text(), 0, notes.notes().get(i).text().length());
            for (int a = 0; a < words.size(); a++) {
                StringBuilder key = new StringBuilder();
                for (int n = 0; n < MAX_WORDS && a + n < words.size(); n++) {
                    key.append(n == 0 ? "" : " ").append(words.get(a + n).key());
                    notesByKey.computeIfAbsent(key.toString(), k -> new BitSet(size)).set(i);
                }
            }
        }
    }

    /** The notes (by index in the split) that hold the word sequence. */
    BitSet notesWith(List<Word> sequence) {
        BitSet b = notesByKey.get(key(sequence));
        return b == null ? new BitSet(size) : b;
    }

    static String key(List<Word> sequence) {
        return String.join(" ", sequence.stream().map(Word::key).toList());
    }

    /** The words of text[from, to): lower case, every run of digits as '#'. */
    static List<Word> words(String text, int from, int to) {
        List<Word> out = new ArrayList<>();
        Matcher m = WORD.matcher(text).region(Math.max(0, from), Math.min(text.length(), to));
        while (m.find()) {
            out.add(new Word(DIGITS.matcher(m.group().toLowerCase(Locale.ROOT)).replaceAll("#"), m.start(), m.end()));
        }
        return out;
    }

    /**
     * The lexicon phrase for a word sequence as it stands in the text: numbers match any number, a single
     * space stays a space, other separators ("3-4", "q1-2h", ", ") match one to three non-word characters.
     */
    static String phrase(String text, List<Word> sequence) {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < sequence.size(); i++) {
            Word w = sequence.get(i);
            if (i > 0) {
                String gap = text.substring(sequence.get(i - 1).end(), w.start());
                p.append(gap.equals(" ") ? " " : gap.isBlank() ? "\\s+" : "\\W{1,3}");
            }
            p.append(literal(w.key()));
        }
        return p.toString();
    }

    private static String literal(String key) {
        StringBuilder b = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (c == '#') {
                b.append("\\d+");
            } else if (Character.isLetterOrDigit(c)) {
                b.append(c);
            } else {
                b.append('\\').append(c);
            }
        }
        return b.toString();
    }
}
