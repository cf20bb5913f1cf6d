package org.radtox.cds.cards;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CDS Hooks 2.0 card ("CDS Service Response"), field for field; optional fields are {@code null} and left
 * out of the JSON, as the specification requires of empty optional values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Card(String uuid, String summary, String detail, String indicator, Source source, List<Suggestion> suggestions,
                   String selectionBehavior, List<Coding> overrideReasons, List<Link> links) {

    /** CDS Hooks limits a summary to fewer than 140 characters. */
    public static final int MAX_SUMMARY = 139;

    public Card {
        if (summary == null || summary.isBlank() || summary.length() > MAX_SUMMARY) {
            throw new IllegalArgumentException("a card summary has 1.." + MAX_SUMMARY + " characters: " + summary);
        }
        if (suggestions != null && selectionBehavior == null) {
            throw new IllegalArgumentException("a card with suggestions states its selectionBehavior");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String label, String url, String icon, Coding topic) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Coding(String code, String system, String display) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {
    }

    /** {@code create} / {@code update} carry {@code resource}; {@code delete} carries {@code resourceId}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(String type, String description, JsonNode resource, String resourceId) {
    }

    /** {@code type} is {@code absolute} or {@code smart}; {@code appContext} only for {@code smart}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Link(String label, String url, String type, String appContext) {
    }
}
