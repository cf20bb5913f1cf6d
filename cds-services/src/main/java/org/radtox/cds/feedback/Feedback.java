package org.radtox.cds.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a clinician did with a card (CDS Hooks 2.0 "Feedback").
 *
 * @param card                the card's {@code uuid}
 * @param outcome             accepted or overridden
 * @param acceptedSuggestions the uuids of the suggestions accepted (required when accepted)
 * @param overrideReason      why it was overridden, may be {@code null}
 * @param outcomeTimestamp    when the clinician acted
 */
public record Feedback(String card, Outcome outcome, List<String> acceptedSuggestions, OverrideReason overrideReason,
                       Instant outcomeTimestamp) {

    public enum Outcome {
        ACCEPTED("accepted"), OVERRIDDEN("overridden");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Outcome of(String code) {
            for (Outcome o : values()) {
                if (o.code.equals(code)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("outcome must be 'accepted' or 'overridden', not '" + code + "'");
        }
    }

    /**
     * @param system      the reason's code system, may be {@code null} when only a comment was given
     * @param code        the reason's code, may be {@code null}
     * @param display     its display, may be {@code null}
     * @param userComment the clinician's own words, may be {@code null}
     */
    public record OverrideReason(String system, String code, String display, String userComment) {
    }

    public Feedback {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(outcomeTimestamp, "outcomeTimestamp");
        acceptedSuggestions = List.copyOf(acceptedSuggestions);
    }
}
