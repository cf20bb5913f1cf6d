package org.radtox.student.embedded;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.radtox.student.finding.Evidence;
import org.radtox.student.finding.Finding;
import org.radtox.student.grading.Grader;
import org.radtox.student.mention.Mention;
import org.radtox.student.segmentation.Clause;
import org.radtox.student.segmentation.SegmentedNote;
import org.radtox.student.symptoms.Symptom;

/**
 * Turns all the mentions of one symptom in a note into at most one finding. The section with the most
 * authority that says anything about the symptom decides (today's assessment over history, both over
 * text copied forward); within it a reported symptom outweighs a templated negative.
 */
final class FindingResolver {

    /** Longest evidence quote; a longer clause is cut to a window around the mention. */
    static final int MAX_QUOTE = 240;

    private final Grader grader;

    FindingResolver(Grader grader) {
        this.grader = grader;
    }

    Optional<Finding> resolve(Symptom symptom, SegmentedNote note, List<AssessedMention> mentions, List<Mention> allMentions) {
        String text = note.text();
        List<AssessedMention> statements = mentions.stream()
                .filter(m -> m.assertion().saysPresent() || m.assertion().saysAbsent())
                .toList();
        if (statements.isEmpty()) {
            return Optional.empty();
        }
        int authority = statements.stream().mapToInt(AssessedMention::authority).max().orElseThrow();
        List<AssessedMention> deciding = statements.stream().filter(m -> m.authority() == authority).toList();
        Optional<AssessedMention> present = deciding.stream().filter(m -> m.assertion().saysPresent()).findFirst();
        if (present.isPresent()) {
            List<Clause> scope = gradingScope(symptom, note, statements.stream().filter(m -> m.assertion().saysPresent())
                    .map(AssessedMention::clause).toList(), allMentions);
            int grade = grader.grade(symptom, text, scope, allMentions);
            return Optional.of(Finding.present(symptom.key(), grade, evidence(text, present.get())));
        }
        return Optional.of(Finding.absent(symptom.key(), evidence(text, deciding.get(0))));
    }

    /**
     * The clauses whose cues grade a present finding: those that affirm it, each with the clause after it
     * when that one speaks of no other symptom ("Pt called re: loose stools. Reports 5-6 BMs/day, baseline 1").
     */
    static List<Clause> gradingScope(Symptom symptom, SegmentedNote note, List<Clause> affirming, List<Mention> allMentions) {
        Set<Clause> scope = new TreeSet<>(Comparator.comparingInt(Clause::start));
        List<Clause> clauses = note.clauses();
        for (Clause c : affirming) {
            scope.add(c);
            int i = clauses.indexOf(c);
            if (i >= 0 && i + 1 < clauses.size()) {
                Clause next = clauses.get(i + 1);
                boolean others = allMentions.stream()
                        .anyMatch(m -> next.contains(m.start()) && !m.symptom().equals(symptom.key()));
                if (next.section() == c.section() && !others) {
                    scope.add(next);
                }
            }
        }
        return List.copyOf(scope);
    }

    /** The clause that holds the mention, or a window of it around the mention when the clause is long. */
    static Evidence evidence(String text, AssessedMention m) {
        Clause c = m.clause();
        int start = c.start();
        int end = c.end();
        if (end - start > MAX_QUOTE) {
            int mid = (m.mention().start() + m.mention().end()) / 2;
            start = Math.max(c.start(), mid - MAX_QUOTE / 2);
            end = Math.min(c.end(), start + MAX_QUOTE);
            start = wordStart(text, start, m.mention().start());
            end = wordEnd(text, end, m.mention().end());
        }
        return Evidence.of(text, start, end);
    }

    private static int wordStart(String text, int at, int limit) {
        int i = at;
        while (i > 0 && i < limit && !Character.isWhitespace(text.charAt(i - 1))) {
            i++;
        }
        return Math.min(i, limit);
    }

    private static int wordEnd(String text, int at, int limit) {
        int i = at;
        while (i < text.length() && i > limit && !Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        return Math.max(i, limit);
    }
}
