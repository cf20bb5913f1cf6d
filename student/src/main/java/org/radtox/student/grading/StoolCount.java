package org.radtox.student.grading;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads "6-7 loose BMs/day", "baseline 1/d", "increase of 5 stools" from text. */
final class StoolCount {

    private static final String N = "(\\d{1,2})(?:\\s*(?:-|\u2013|to)\\s*(\\d{1,2}))?";
    private static final Pattern PER_DAY = Pattern.compile(N + "\\s*(?:x\\s*)?(?:\\+\\s*)?"
            + "(?:(?:loose|watery|liquid|soft|non-?bloody|unformed|runny|mushy|small|urgent|episodes? of|more|extra)\\s+){0,3}"
            + "(?:stools?|bms?|bowel movements?|episodes|times|movements|loose)?\\s*"
            + "(?:a|per|/|each|every|in a|in 24)\\s*(?:day|d|24\\s*h(?:rs?|ours?)?|daily)(?![a-z])"
            + "|" + N + "\\s*(?:x\\s*)?(?:[\\w-]+,?\\s+){0,3}(?:stools?|bms?|bowel movements?)\\s+(?:daily|yesterday|today|in 24\\s*h\\w*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BASELINE = Pattern.compile("baseline\\s*(?:of|is|was|=|:)?\\s*(?:about|approx\\.?|~)?\\s*"
            + N + "|" + N + "\\s*(?:\\w+\\s+){0,3}(?:at|over|from)\\s+baseline|usual(?:ly)?\\s*(?:\\w+\\s+){0,2}" + N,
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INCREASE = Pattern.compile("increase\\s+(?:of|by)\\s*" + N
            + "|" + N + "\\s*(?:\\w+\\s+){0,2}(?:stools?|bms?)?\\s*(?:above|over)\\s+(?:his\\s+)?baseline",
            Pattern.CASE_INSENSITIVE);

    private StoolCount() {
    }

    /** The increase in stools per day over baseline that the text states, if it states one. */
    static OptionalInt increaseOverBaseline(String text, int assumedBaseline) {
        Matcher inc = INCREASE.matcher(text);
        if (inc.find()) {
            return OptionalInt.of(max(inc));
        }
        Matcher perDay = PER_DAY.matcher(text);
        int most = -1;
        while (perDay.find()) {
            most = Math.max(most, max(perDay));
        }
        if (most < 0) {
            return OptionalInt.empty();
        }
        Matcher base = BASELINE.matcher(text);
        int baseline = assumedBaseline;
        if (base.find()) {
            baseline = Math.min(max(base), most);
        }
        return OptionalInt.of(most - baseline);
    }

    private static int max(Matcher m) {
        int best = -1;
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                best = Math.max(best, Integer.parseInt(m.group(g)));
            }
        }
        return best;
    }

    /** CTCAE v5.0 diarrhea grade of an increase over baseline. */
    static int ctcaeGrade(int increase) {
        if (increase >= 7) {
            return 3;
        }
        return increase >= 4 ? 2 : 1;
    }
}
