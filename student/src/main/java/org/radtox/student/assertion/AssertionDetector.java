package org.radtox.student.assertion;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.radtox.student.assertion.ContextRules.Category;
import org.radtox.student.assertion.ContextRules.Triggers;
import org.radtox.student.mention.Polarity;
import org.radtox.student.segmentation.Clause;
import org.radtox.student.segmentation.SectionKind;

/**
 * Decides how a mention stands in its clause, in the manner of NegEx / ConText: a trigger reaches the
 * mention only within the clause, within a window of words, and not across a terminator ("but",
 * "reports", ...). Template markers touching the mention ("+ frequency", "Dysuria: N") outweigh prose.
 */
public final class AssertionDetector {

    private static final Pattern WORD = Pattern.compile("\\S+");

    private final ContextRules rules;

    public AssertionDetector(ContextRules rules) {
        this.rules = rules;
    }

    /** The assertion of text[start, end) within {@code clause}. */
    public Assertion assess(String text, Clause clause, int start, int end, Polarity polarity) {
        SectionKind section = clause.section().kind();
        if (section == SectionKind.MEDICATIONS) {
            return Assertion.NOT_A_STATEMENT;
        }
        if (section == SectionKind.FAMILY_HISTORY) {
            return Assertion.OTHER_PERSON;
        }
        Context ctx = new Context(text, clause, start, end);
        if (ctx.adjacent(Category.AFFIRMED)) {
            return Assertion.AFFIRMED;
        }
        if (ctx.adjacent(Category.NEGATED)) {
            return polarity == Polarity.STATES_ABSENCE ? Assertion.AFFIRMED : Assertion.NEGATED;
        }
        if (section == SectionKind.EDUCATION || ctx.reached(Category.HYPOTHETICAL)) {
            return Assertion.HYPOTHETICAL;
        }
        if (ctx.reached(Category.OTHER_PERSON)) {
            return Assertion.OTHER_PERSON;
        }
        boolean negated = ctx.reached(Category.NEGATED);
        if (polarity == Polarity.STATES_ABSENCE) {
            // "not continent" is incontinence; "continent before surgery" says nothing of now.
            if (negated) {
                return Assertion.AFFIRMED;
            }
            return ctx.reached(Category.HISTORICAL) && !ctx.reached(Category.CURRENT) ? Assertion.HISTORICAL
                    : Assertion.NEGATED;
        }
        if (ctx.reached(Category.RESOLVED)) {
            return Assertion.RESOLVED;
        }
        if (negated) {
            return Assertion.NEGATED;
        }
        if (ctx.reached(Category.UNCERTAIN)) {
            return Assertion.UNCERTAIN;
        }
        boolean historical = section == SectionKind.HISTORY || ctx.reached(Category.HISTORICAL);
        if (historical && !ctx.reached(Category.CURRENT)) {
            return Assertion.HISTORICAL;
        }
        return Assertion.AFFIRMED;
    }

    /** The clause around one mention, split into what stands before and after it. */
    private final class Context {
        private final String text;
        private final Clause clause;
        private final int start;
        private final int end;

        Context(String text, Clause clause, int start, int end) {
            this.text = text;
            this.clause = clause;
            this.start = Math.max(start, clause.start());
            this.end = Math.min(end, clause.end());
        }

        boolean adjacent(Category category) {
            Triggers t = rules.triggers(category);
            if (t.adjacentBefore() != null) {
                Matcher m = Pattern.compile("(?:^|(?<lead>[,;:(/\\[\\s]))\\s*(?<marker>" + t.adjacentBefore().pattern()
                        + ")[\\s:=]*$", Pattern.CASE_INSENSITIVE).matcher(text).region(clause.start(), start);
                if (m.find() && !(isDash(m.group("marker")) && (m.group("lead") == null || m.group("lead").isBlank()))) {
                    return true;
                }
            }
            if (t.adjacentAfter() != null) {
                Matcher m = Pattern.compile("^[\\s:=]*(?:" + t.adjacentAfter().pattern() + ")(?=$|[\\s,;.)/])",
                        Pattern.CASE_INSENSITIVE).matcher(text).region(end, clause.end());
                return m.find();
            }
            return false;
        }

        private static boolean isDash(String marker) {
            return marker.matches("[-\u2013]");
        }

        boolean reached(Category category) {
            Triggers t = rules.triggers(category);
            return reachesForward(t.before()) || reachesBackward(t.after());
        }

        /** A trigger before the mention whose scope runs on to it. */
        private boolean reachesForward(Pattern trigger) {
            if (trigger == null) {
                return false;
            }
            Matcher m = trigger.matcher(text).region(clause.start(), start);
            int lastEnd = -1;
            while (m.find()) {
                if (!inPseudo(m.start(), m.end())) {
                    lastEnd = m.end();
                }
            }
            return lastEnd >= 0 && openScope(lastEnd, start);
        }

        /** A trigger after the mention that reaches back to it. */
        private boolean reachesBackward(Pattern trigger) {
            if (trigger == null) {
                return false;
            }
            Matcher m = trigger.matcher(text).region(end, clause.end());
            while (m.find()) {
                if (!inPseudo(m.start(), m.end())) {
                    return openScope(end, m.start());
                }
            }
            return false;
        }

        /** No terminator and not too many words between from and to. */
        private boolean openScope(int from, int to) {
            if (from > to) {
                return false;
            }
            if (rules.terminators() != null && rules.terminators().matcher(text).region(from, to).find()) {
                return false;
            }
            Matcher words = WORD.matcher(text).region(from, to);
            int n = 0;
            while (words.find()) {
                if (++n > rules.window()) {
                    return false;
                }
            }
            return true;
        }

        private boolean inPseudo(int from, int to) {
            if (rules.pseudo() == null) {
                return false;
            }
            Matcher p = rules.pseudo().matcher(text).region(clause.start(), clause.end());
            while (p.find()) {
                if (p.start() <= from && p.end() >= to) {
                    return true;
                }
            }
            return false;
        }
    }
}
