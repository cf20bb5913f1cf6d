package org.radtox.student.mention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.radtox.student.segmentation.Clause;
import org.radtox.student.segmentation.SegmentedNote;

/** Finds every mention of every lexicon symptom in a text; one pass of one pattern per symptom. */
public final class MentionFinder {

    private final Lexicon lexicon;

    public MentionFinder(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** Mentions in text order; within a symptom, a mention inside a longer one is dropped. */
    public List<Mention> find(SegmentedNote note) {
        String text = note.text();
        List<Mention> all = new ArrayList<>();
        for (Lexicon.Entry entry : lexicon.entries()) {
            List<Mention> found = new ArrayList<>();
            collect(entry.symptom(), entry.mentions(), Polarity.NAMES_SYMPTOM, text, found);
            collect(entry.symptom(), entry.absentMentions(), Polarity.STATES_ABSENCE, text, found);
            for (Lexicon.ScoreRule rule : entry.scores()) {
                Matcher m = rule.pattern().matcher(text);
                while (m.find()) {
                    int score = Integer.parseInt(m.group("score"));
                    found.add(new Mention(entry.symptom(), m.start(), m.end(),
                            rule.present(score) ? Polarity.STATES_PRESENCE : Polarity.STATES_ABSENCE));
                }
            }
            for (Lexicon.ContextualPhrase c : entry.contextual()) {
                Matcher m = c.phrase().matcher(text);
                while (m.find()) {
                    Clause clause = note.clauseAt(m.start()).orElse(null);
                    if (clause != null && inContext(note, clause, c.clauseContext())) {
                        found.add(new Mention(entry.symptom(), m.start(), m.end(), Polarity.NAMES_SYMPTOM));
                    }
                }
            }
            List<int[]> excluded = spans(entry.exclusions(), text);
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

    private static void collect(String symptom, Pattern pattern, Polarity polarity, String text, List<Mention> out) {
        if (pattern == null) {
            return;
        }
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (m.end() > m.start()) {
                out.add(new Mention(symptom, m.start(), m.end(), polarity));
            }
        }
    }

    private static List<int[]> spans(Pattern pattern, String text) {
        List<int[]> spans = new ArrayList<>();
        if (pattern != null) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
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
