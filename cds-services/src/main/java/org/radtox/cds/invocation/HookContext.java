package org.radtox.cds.invocation;

import java.util.Objects;

/**
 * The hook's {@code context} fields RadTox uses.
 *
 * @param patientId   required by every hook RadTox answers
 * @param encounterId may be {@code null} ({@code patient-view} has it only optionally)
 * @param userId      may be {@code null}
 */
public record HookContext(String patientId, String encounterId, String userId) {

    public HookContext {
        Objects.requireNonNull(patientId, "patientId");
    }

    /** The value of a prefetch token {@code context.<field>}, or {@code null} when this context has none. */
    public String token(String field) {
        return switch (field) {
            case "patientId" -> patientId;
            case "encounterId" -> encounterId;
            case "userId" -> userId;
            default -> null;
        };
    }
}
