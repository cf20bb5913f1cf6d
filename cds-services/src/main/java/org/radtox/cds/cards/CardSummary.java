package org.radtox.cds.cards;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A card's one-line summary, under 140 characters: {@code CTCAE grade 2 proctitis documented 2031-04-02 (new)}
 * for one toxicity; for several, by grade, {@code CTCAE grade 1: nocturia (new), urinary frequency (persistent);
 * as of 2031-04-02}, cut with "+N more" when too long.
 */
final class CardSummary {

    private CardSummary() {
    }

    static String of(List<SymptomCourse> courses) {
        if (courses.size() == 1) {
            return single(courses.get(0));
        }
        Map<String, List<String>> segments = new LinkedHashMap<>();
        List<SymptomCourse> ordered = new ArrayList<>(courses);
        // Highest grade first, resolved last.
        ordered.sort(Comparator.comparingInt(CardSummary::rank).reversed());
        for (SymptomCourse c : ordered) {
            String head = c.resolved() ? "resolved" : c.grade() == null ? "grade not stated" : "CTCAE grade " + c.grade();
            segments.computeIfAbsent(head, k -> new ArrayList<>()).add(c.resolved() ? c.name() : c.name() + " (" + c.trend().word() + ")");
        }
        String asOf = courses.stream().map(c -> c.note().date()).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .map(d -> "; as of " + d).orElse("");
        int total = courses.size();
        for (int shown = total; shown > 0; shown--) {
            String s = render(segments, shown, total) + asOf;
            if (s.length() <= Card.MAX_SUMMARY) {
                return s;
            }
            String bare = render(segments, shown, total);
            if (bare.length() <= Card.MAX_SUMMARY) {
                return bare;
            }
        }
        return total + " toxicities documented in the notes";
    }

    private static int rank(SymptomCourse c) {
        return c.resolved() ? -2 : c.grade() == null ? -1 : c.grade();
    }

    private static String render(Map<String, List<String>> segments, int shown, int total) {
        List<String> parts = new ArrayList<>();
        int left = shown;
        for (Map.Entry<String, List<String>> e : segments.entrySet()) {
            if (left == 0) {
                break;
            }
            List<String> items = e.getValue().subList(0, Math.min(left, e.getValue().size()));
            left -= items.size();
            parts.add(e.getKey() + ": " + String.join(", ", items));
        }
        String s = String.join("; ", parts);
        return shown < total ? s + " +" + (total - shown) + " more" : s;
    }

    private static String single(SymptomCourse c) {
        String when = c.note().date() == null ? "in an undated note" : c.note().date();
        String name = c.name();
        String s;
        if (c.resolved()) {
            CoursePoint before = c.earlier().get(0);
            s = capitalized(name) + " resolved, documented " + when
                    + (before.grade() == null ? "" : " (was grade " + before.grade() + ")");
        } else if (c.grade() == null) {
            s = capitalized(name) + " documented " + when + ", grade not stated (" + c.trend().word() + ")";
        } else {
            s = "CTCAE grade " + c.grade() + " " + name + " documented " + when + " (" + c.trend().word() + ")";
        }
        return s.length() <= Card.MAX_SUMMARY ? s : s.substring(0, Card.MAX_SUMMARY - 1) + "\u2026";
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
