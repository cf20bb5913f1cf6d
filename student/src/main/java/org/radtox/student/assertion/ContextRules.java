package org.radtox.student.assertion;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.radtox.student.data.BundledJson;
import org.radtox.student.mention.PhrasePatterns;

/** The trigger phrases of {@code context-rules.json}, compiled. */
public final class ContextRules {

    /** The triggers of one context category; any of them may be {@code null} when the file lists none. */
    /**
     * @param beforeWindow how many words a before-trigger reaches over (a list reaches further)
     * @param afterWindow  how many words an after-trigger reaches back over
     * @param terminated   whether terminators end this category's scope (family and education sentences
     *                     run on: "his brother had blood in his urine" is about the brother throughout)
     */
    public record Triggers(Pattern before, Pattern after, Pattern adjacentBefore, Pattern adjacentAfter, int beforeWindow,
                           int afterWindow, boolean terminated) {
    }

    /** The categories a rules file may name: the assertion values plus CURRENT (which outweighs HISTORICAL). */
    public enum Category {
        AFFIRMED, NEGATED, RESOLVED, HISTORICAL, HYPOTHETICAL, OTHER_PERSON, UNCERTAIN, CURRENT
    }

    private final String version;
    private final int window;
    private final int listWindow;
    private final Map<Category, Triggers> triggers;
    private final Pattern terminators;
    private final Pattern backwardTerminators;
    private final Pattern pseudo;

    private ContextRules(String version, int window, int listWindow, Map<Category, Triggers> triggers,
                         Pattern terminators, Pattern backwardTerminators, Pattern pseudo) {
        this.version = version;
        this.window = window;
        this.listWindow = listWindow;
        this.triggers = triggers;
        this.terminators = terminators;
        this.backwardTerminators = backwardTerminators;
        this.pseudo = pseudo;
    }

    public static ContextRules bundled() {
        return read(BundledJson.read(ContextRules.class, "context-rules.json", "assertion rules"));
    }

    public static ContextRules read(JsonNode root) {
        int window = root.path("window").asInt(6);
        Map<Category, Triggers> triggers = new EnumMap<>(Category.class);
        var it = root.path("rules").fields();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode r = e.getValue();
            triggers.put(Category.valueOf(e.getKey()), new Triggers(PhrasePatterns.compile(r.path("before")),
                    PhrasePatterns.compile(r.path("after")), markers(r.path("adjacentBefore")),
                    markers(r.path("adjacentAfter")), r.path("beforeWindow").asInt(window), r.path("afterWindow").asInt(window),
                    r.path("terminated").asBoolean(true)));
        }
        return new ContextRules(root.path("version").asText("unversioned"), window, root.path("listWindow").asInt(window), triggers,
                PhrasePatterns.compile(root.path("terminators")), PhrasePatterns.compile(root.path("backwardTerminators")),
                PhrasePatterns.compile(root.path("pseudo")));
    }

    /** Template markers are punctuation as often as words, so no word boundaries are imposed on them. */
    private static Pattern markers(JsonNode list) {
        List<String> alternatives = new ArrayList<>();
        list.forEach(p -> alternatives.add("(?:" + p.asText() + ")"));
        return alternatives.isEmpty() ? null
                : Pattern.compile("(?:" + String.join("|", alternatives) + ")", Pattern.CASE_INSENSITIVE);
    }

    public String version() {
        return version;
    }

    public int window() {
        return window;
    }

    public Triggers triggers(Category category) {
        return triggers.getOrDefault(category, new Triggers(null, null, null, null, window, window, true));
    }

    /** How far a trigger reaches over a list of short items ("denies hematuria, dysuria, ... or incontinence"). */
    public int listWindow() {
        return listWindow;
    }

    public Pattern terminators() {
        return terminators;
    }

    /** What ends the reach of a trigger that follows the mention: contrast only ("but", "however"). */
    public Pattern backwardTerminators() {
        return backwardTerminators;
    }

    public Pattern pseudo() {
        return pseudo;
    }
}
