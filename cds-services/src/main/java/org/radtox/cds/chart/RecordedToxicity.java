package org.radtox.cds.chart;

import java.time.Instant;

/**
 * A toxicity Observation already in the EHR (RadTox's profile: symptom key and CTCAE grade codes).
 *
 * @param reference {@code Observation/{id}}, or a description when it has no id
 * @param symptom   the RadTox symptom key
 * @param grade     the CTCAE grade, 0 when recorded absent
 * @param noteId    the {@code DocumentReference/{id}} it was derived from, without version; may be {@code null}
 * @param date      its effective date as written, may be {@code null}
 * @param when      its effective date as an instant, may be {@code null}
 */
public record RecordedToxicity(String reference, String symptom, int grade, String noteId, String date, Instant when) {
}
