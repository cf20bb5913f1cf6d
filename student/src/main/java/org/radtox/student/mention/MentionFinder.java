package org.radtox.student.mention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.radtox.student.segmentation.Clause;
import org.radtox.student.segmentation.SegmentedNote;

/**
 * Finds every mention of every lexicon symptom in a note. Phrases start at the start of a word, so each
 * pattern is tried only there (anchored), not at every character: the lexicon is large, notes are long,
 * and this is the student's hot path.
 */
public final class MentionFinder {

    private final Lexicon lexicon;

    public MentionFinder(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** Mentions in text order; within a symptom, a mention inside a longer one is dropped. */
    public List<Mention> find(SegmentedNote note) {
        String text = note.text();
        int[] starts = wordStarts(text);
        List<Mention> all = new ArrayList<>();
        for (Lexicon.Entry entry : lexicon.entries()) {
            List<Mention> found = new ArrayList<>();
            collect(entry.symptom(), entry.mentions(), Polarity.NAMES_SYMPTOM, text, starts, found);
            collect(entry.symptom(), entry.absentMentions(), Polarity.STATES_ABSENCE, text, starts, found);
            for (Lexicon.ScoreRule rule : entry.scores()) {
                Matcher m = rule.pattern().matcher(text);
                while (m.find()) {
                    int score = Integer.parseInt(m.group("score"));
                    found.add(new Mention(entry.symptom(), m.start(), m.end(),
                            rule.present(score) ? Polarity.STATES_PRESENCE : Polarity.STATES_ABSENCE));
                }
            }
            for (Lexicon.ContextualPhrase c : entry.contextual()) {
                List<Mention> candidates = new ArrayList<>();
                collect(entry.symptom(), c.phrase(), Polarity.NAMES_SYMPTOM, text, starts, candidates);
                for (Mention m : candidates) {
                    Clause clause = note.clauseAt(m.start()).orElse(null);
                    if (clause != null && inContext(note, clause, c.clauseContext())) {
                        found.add(m);
                    }
                }
            }
            List<int[]> excluded = spans(entry.exclusions(), text, starts);
            found.removeIf(mention -> excluded.stream().anyMatch(x -> mention.overlaps(x[0], x[1])));
            all.addAll(longestOnly(found));
        }
        all.sort(Comparator.comparingInt(Mention::start).thenComparing(Mention::symptom));
        return all;
    }

    /**
     * Whether the clause, or the clause before it in the same section, speaks of the organ: "Bowels:
     * two formed stools. No blood." is about rectal bleeding.
     */
    private static boolean inContext(SegmentedNote note, Clause clause, Pattern context) {
        String text = note.text();
        int[] starts = wordStarts(text);
        if (context.matcher(text).region(clause.start(), clause.end()).find()) {
            return true;
        }
        int i = note.clauses().indexOf(clause);
        if (i > 0) {
            Clause previous = note.clauses().get(i - 1);
            return previous.section() == clause.section()
                    && context.matcher(text).region(previous.start(), previous.end()).find();
        }
        return false;
    }

    /** Where words (or numbers) begin: the only places a phrase may begin. */
    static int[] wordStarts(String text) {
        int[] starts = new int[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetterOrDigit(text.charAt(i)) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                starts[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(starts, n);
    }

    private static void collect(String symptom, PhraseSet pattern, Polarity polarity, String text, int[] starts,
                                List<Mention> out) {
        for (int[] span : spans(pattern, text, starts)) {
            out.add(new Mention(symptom, span[0], span[1], polarity));
        }
    }

    private static List<int[]> spans(PhraseSet phrases, String text, int[] starts) {
        List<int[]> spans = new ArrayList<>();
        if (phrases != null) {
            int coveredTo = 0;
            for (int start : starts) {
                // A phrase inside one already found at an earlier start adds nothing: skip it, as find() would.
                if (start < coveredTo) {
                    continue;
                }
                int end = phrases.matchAt(text, start);
                if (end > start) {
                    spans.add(new int[] {start, end});
                    coveredTo = end;
                }
            }
        }
        return spans;
    }

    private static List<Mention> longestOnly(List<Mention> mentions) {
        mentions.sort(Comparator.comparingInt(Mention::length).reversed());
        List<Mention> kept = new ArrayList<>();
        for (Mention m : mentions) {
            if (kept.stream().noneMatch(k -> k.overlaps(m.start(), m.end()))) {
                kept.add(m);
            }
        }
        return kept;
    }
}
