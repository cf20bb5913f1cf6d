package org.radtox.student.assertion;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.radtox.student.assertion.ContextRules.Category;
import org.radtox.student.assertion.ContextRules.Triggers;
import org.radtox.student.mention.Mention;
import org.radtox.student.mention.Polarity;
import org.radtox.student.segmentation.Clause;
import org.radtox.student.segmentation.SectionKind;

/**
 * Decides how a mention stands in its clause, in the manner of NegEx / ConText: a trigger reaches the
 * mention only within the clause, within a window of words (longer over a list of short items), and not
 * across a terminator ("but", "reports", ...). Words inside another mention are not triggers ("could not
 * void" does not negate the Foley that follows). Template markers touching the mention ("+ frequency",
 * "Dysuria: N") outweigh prose.
 */
public final class AssertionDetector {

    /** A word for counting reach: punctuation alone (" - ", "/") is not one. */
    private static final Pattern WORD = Pattern.compile("\\S*[\\p{L}\\p{N}]\\S*");
    private static final Pattern LIST_PIECE = Pattern.compile("\\s*(?:,|/|\\bor\\b|\\bnor\\b|\\band\\b)\\s*");
    /** A list item may be a few words ("gross blood in urine"), not a sentence. */
    private static final int MAX_LIST_ITEM_WORDS = 4;

    private final ContextRules rules;
    private final Pattern affirmedBefore;
    private final Pattern negatedBefore;
    private final Pattern affirmedAfter;
    private final Pattern negatedAfter;

    public AssertionDetector(ContextRules rules) {
        this.rules = rules;
        this.affirmedBefore = beforeMarker(rules.triggers(Category.AFFIRMED).adjacentBefore());
        this.negatedBefore = beforeMarker(rules.triggers(Category.NEGATED).adjacentBefore());
        this.affirmedAfter = afterMarker(rules.triggers(Category.AFFIRMED).adjacentAfter());
        this.negatedAfter = afterMarker(rules.triggers(Category.NEGATED).adjacentAfter());
    }

    private static Pattern beforeMarker(Pattern markers) {
        // "- retention/weak stream": items joined by slashes share the marker.
        return markers == null ? null : Pattern.compile("(?:^|(?<lead>[,;:(/\\[\\s]))\\s*(?<marker>" + markers.pattern()
                + ")[\\s:=]*(?:[\\w-]+(?:\\s+[\\w-]+)?\\s*/\\s*)*$", Pattern.CASE_INSENSITIVE);
    }

    private static Pattern afterMarker(Pattern markers) {
        return markers == null ? null
                // A template's value may stand after leader dots or a wide gap, past the rest of the label:
                // "Trouble starting stream ..... N".
                : Pattern.compile("^(?:\\s*/\\s*[\\w-]+(?:\\s+[\\w-]+)?)*(?:[ \\w/()'-]{0,30}?(?=\\.{2,}|\\t|\\s{3,}))?(?:[\\s:=|]|\\.{2,})*(?:" + markers.pattern() + ")(?=$|[\\s,;)/|]|\\.(?!\\d))", Pattern.CASE_INSENSITIVE);
    }

    /**
     * The assertion of text[start, end) within {@code clause}.
     *
     * @param mentions all mentions of the note; their words are not read as triggers for another
     */
    public Assertion assess(String text, Clause clause, int start, int end, Polarity polarity, List<Mention> mentions) {
        SectionKind section = clause.section().kind();
        if (section == SectionKind.MEDICATIONS) {
            return Assertion.NOT_A_STATEMENT;
        }
        if (section == SectionKind.FAMILY_HISTORY) {
            return Assertion.OTHER_PERSON;
        }
        Context ctx = new Context(text, clause, start, end, mentions);
        if (ctx.marked(affirmedBefore, affirmedAfter)) {
            return Assertion.AFFIRMED;
        }
        if (ctx.marked(negatedBefore, negatedAfter)) {
            // A template's "no" next to a phrase that already states absence ("- retention / emptying ok")
            // belongs to the item beside it; the phrase keeps its own meaning.
            return Assertion.NEGATED;
        }
        if (section == SectionKind.EDUCATION || ctx.reached(Category.HYPOTHETICAL)) {
            return Assertion.HYPOTHETICAL;
        }
        if (ctx.reached(Category.OTHER_PERSON)) {
            return Assertion.OTHER_PERSON;
        }
        if (polarity == Polarity.STATES_ABSENCE) {
            // "not continent" is incontinence, but only when the negation touches the phrase: in
            // "no frequency, no blood, good stream" the "no"s belong to the other items.
            if (ctx.negatedRightBefore()) {
                return Assertion.AFFIRMED;
            }
            return ctx.reached(Category.HISTORICAL) && !ctx.reached(Category.CURRENT) ? Assertion.HISTORICAL
                    : Assertion.NEGATED;
        }
        if (ctx.reached(Category.RESOLVED)) {
            return Assertion.RESOLVED;
        }
        if (ctx.reached(Category.NEGATED)) {
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
        private final List<Mention> mentions;

        Context(String text, Clause clause, int start, int end, List<Mention> mentions) {
            this.text = text;
            this.clause = clause;
            this.start = Math.max(start, clause.start());
            this.end = Math.min(end, clause.end());
            this.mentions = mentions;
        }

        boolean marked(Pattern before, Pattern after) {
            if (before != null) {
                Matcher m = before.matcher(text).region(clause.start(), start);
                // A lone dash is a template's minus only after a label or a comma ("GU: - hematuria"),
                // never as prose punctuation ("week 3 - frequency").
                if (m.find() && !(m.group("marker").matches("[-\u2013]") && !afterLabel(m))) {
                    return true;
                }
            }
            return after != null && after.matcher(text).region(end, clause.end()).find();
        }

        /** Whether a marker stands after a label or a comma, here or (at the clause start) before the clause. */
        private boolean afterLabel(Matcher m) {
            if (m.group("lead") != null && !m.group("lead").isBlank()) {
                return true;
            }
            if (m.start() > clause.start() && m.group("lead") != null) {
                return false;
            }
            int i = clause.start() - 1;
            while (i >= 0 && text.charAt(i) == ' ') {
                i--;
            }
            return i >= 0 && text.charAt(i) == ':';
        }

        boolean reached(Category category) {
            Triggers t = rules.triggers(category);
            return reachesForward(t, t.beforeWindow()) || reachesBackward(t, t.afterWindow());
        }

        /** "not continent": a negation separated from the phrase by spaces only. */
        boolean negatedRightBefore() {
            Pattern trigger = rules.triggers(Category.NEGATED).before();
            if (trigger == null) {
                return false;
            }
            Matcher m = trigger.matcher(text).region(clause.start(), start);
            int lastEnd = -1;
            while (m.find()) {
                if (!ignored(m.start(), m.end())) {
                    lastEnd = m.end();
                }
            }
            return lastEnd >= 0 && text.substring(lastEnd, start).isBlank();
        }

        /** A trigger before the mention whose scope runs on to it. */
        private boolean reachesForward(Triggers t, int window) {
            Pattern trigger = t.before();
            if (trigger == null) {
                return false;
            }
            Pattern terminators = t.terminated() ? rules.terminators() : null;
            Matcher m = trigger.matcher(text).region(clause.start(), start);
            int lastEnd = -1;
            while (m.find()) {
                if (!ignored(m.start(), m.end())) {
                    lastEnd = m.end();
                }
            }
            if (lastEnd < 0) {
                return false;
            }
            return openScope(lastEnd, start, window, terminators)
                    || window > 0 && openScope(lastEnd, start, Math.max(window, rules.listWindow()), terminators)
                    && isList(lastEnd, start);
        }

        /** A trigger after the mention that reaches back to it. */
        private boolean reachesBackward(Triggers t, int window) {
            Pattern trigger = t.after();
            if (trigger == null) {
                return false;
            }
            Matcher m = trigger.matcher(text).region(end, clause.end());
            while (m.find()) {
                if (!ignored(m.start(), m.end())) {
                    return openScope(end, m.start(), window, rules.backwardTerminators());
                }
            }
            return false;
        }

        /** No terminator and at most {@code maxWords} words between from and to. */
        private boolean openScope(int from, int to, int maxWords, Pattern terminators) {
            if (from > to) {
                return false;
            }
            if (terminators != null) {
                Matcher t = terminators.matcher(text).region(from, to);
                while (t.find()) {
                    if (!insideMention(t.start(), t.end())) {
                        return false;
                    }
                }
            }
            Matcher words = WORD.matcher(text).region(from, to);
            int n = 0;
            while (words.find()) {
                if (++n > maxWords) {
                    return false;
                }
            }
            return true;
        }

        /** Whether text[from, to) is a list of short items: "hematuria, dysuria, urgency or". */
        private boolean isList(int from, int to) {
            String between = text.substring(from, to);
            String[] items = LIST_PIECE.split(between, -1);
            if (items.length < 2) {
                return false;
            }
            for (String item : items) {
                if (!item.isBlank() && item.trim().split("\\s+").length > MAX_LIST_ITEM_WORDS) {
                    return false;
                }
            }
            return true;
        }

        private boolean ignored(int from, int to) {
            return insideMention(from, to) || inPseudo(from, to);
        }

        private boolean insideMention(int from, int to) {
            for (Mention m : mentions) {
                if (m.start() <= from && m.end() >= to && !(m.start() == start && m.end() == end)) {
                    return true;
                }
            }
            return false;
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
