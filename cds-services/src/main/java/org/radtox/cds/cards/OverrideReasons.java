package org.radtox.cds.cards;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.radtox.student.data.BundledJson;

/**
 * The reasons a clinician may give when overriding a card, offered on every card that suggests something
 * (data: {@code override-reasons.json}). Each has a display, as CDS Hooks requires of a service's reasons.
 */
public final class OverrideReasons {

    public static final String NOT_PRESENT = "not-present";
    public static final String WRONG_GRADE = "wrong-grade";
    public static final String NOT_TREATMENT_RELATED = "not-treatment-related";
    public static final String ALREADY_ADDRESSED = "already-addressed";

    private static final List<Card.Coding> BUNDLED = read();

    private OverrideReasons() {
    }

    public static List<Card.Coding> all() {
        return BUNDLED;
    }

    public static String system() {
        return BUNDLED.get(0).system();
    }

    private static List<Card.Coding> read() {
        JsonNode root = BundledJson.read(OverrideReasons.class, "override-reasons.json", "CDS override reasons");
        String system = root.path("system").asText();
        List<Card.Coding> reasons = new ArrayList<>();
        for (JsonNode r : root.path("reasons")) {
            if (!r.path("code").isTextual() || !r.path("display").isTextual()) {
                throw new IllegalStateException("override-reasons.json: every reason has a code and a display: " + r);
            }
            reasons.add(new Card.Coding(r.get("code").asText(), system, r.get("display").asText()));
        }
        if (system.isBlank() || reasons.isEmpty()) {
            throw new IllegalStateException("override-reasons.json names no system or no reasons");
        }
        return List.copyOf(reasons);
    }
}
