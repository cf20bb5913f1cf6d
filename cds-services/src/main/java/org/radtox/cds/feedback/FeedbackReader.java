package org.radtox.cds.feedback;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.radtox.cds.CdsProblem;

/**
 * Reads a feedback POST ({@code {"feedback": [...]}}). Each entry is checked on its own: the good ones are kept
 * even when another is wrong, and every wrong one is named with its index and reason.
 */
public final class FeedbackReader {

    /** The entries that passed, and a reason for each that did not. */
    public record Result(List<Feedback> accepted, List<String> problems) {
    }

    private final ObjectMapper json;

    public FeedbackReader(ObjectMapper json) {
        this.json = json;
    }

    public Result read(byte[] body) throws CdsProblem {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw CdsProblem.invalid("the feedback body is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("feedback").isArray()) {
            throw CdsProblem.invalid("the feedback body must be an object with a 'feedback' array (CDS Hooks 2.0 'Feedback')");
        }
        List<Feedback> ok = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : root.get("feedback")) {
            try {
                ok.add(entry(entry));
            } catch (IllegalArgumentException e) {
                problems.add("feedback[" + i + "]: " + e.getMessage());
            }
            i++;
        }
        return new Result(ok, problems);
    }

    private static Feedback entry(JsonNode e) {
        if (!e.isObject()) {
            throw new IllegalArgumentException("must be an object");
        }
        String card = text(e, "card");
        if (card == null || card.isBlank()) {
            throw new IllegalArgumentException("card (the card's uuid) is required");
        }
        Feedback.Outcome outcome = Feedback.Outcome.of(e.path("outcome").asText(""));
        List<String> accepted = new ArrayList<>();
        JsonNode suggestions = e.get("acceptedSuggestions");
        if (suggestions != null && !suggestions.isNull()) {
            if (!suggestions.isArray()) {
                throw new IllegalArgumentException("acceptedSuggestions must be an array");
            }
            for (JsonNode s : suggestions) {
                String id = text(s, "id");
                if (id == null || id.isBlank()) {
                    throw new IllegalArgumentException("every accepted suggestion needs its id");
                }
                accepted.add(id);
            }
        }
        if (outcome == Feedback.Outcome.ACCEPTED && accepted.isEmpty()) {
            throw new IllegalArgumentException("an accepted outcome names its acceptedSuggestions");
        }
        Feedback.OverrideReason reason = null;
        JsonNode o = e.get("overrideReason");
        if (o != null && !o.isNull()) {
            if (outcome != Feedback.Outcome.OVERRIDDEN) {
                throw new IllegalArgumentException("overrideReason comes only with an overridden outcome");
            }
            JsonNode r = o.path("reason");
            reason = new Feedback.OverrideReason(text(r, "system"), text(r, "code"), text(r, "display"), text(o, "userComment"));
            if (reason.code() == null && reason.userComment() == null) {
                throw new IllegalArgumentException("overrideReason has neither a reason code nor a userComment");
            }
        }
        String ts = text(e, "outcomeTimestamp");
        if (ts == null) {
            throw new IllegalArgumentException("outcomeTimestamp is required");
        }
        Instant when;
        try {
            when = Instant.parse(ts);
        } catch (DateTimeParseException ex) {
            try {
                when = java.time.OffsetDateTime.parse(ts).toInstant();
            } catch (DateTimeParseException ex2) {
                throw new IllegalArgumentException("outcomeTimestamp '" + ts + "' is not an ISO-8601 timestamp");
            }
        }
        return new Feedback(card, outcome, accepted, reason, when);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
