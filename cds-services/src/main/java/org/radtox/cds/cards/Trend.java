package org.radtox.cds.cards;

import java.util.Locale;

/** How a toxicity documented in the latest note compares with the earlier notes and records. */
public enum Trend {
    /** Present now, and absent or not documented before. */
    NEW,
    /** Present now at a higher grade than before. */
    WORSENING,
    /** Present now at a lower grade than before. */
    IMPROVING,
    /** Present now at the same grade as before (or a grade that cannot be compared). */
    PERSISTENT,
    /** Absent now, present before. */
    RESOLVED;

    /** As a clinician reads it: {@code new}, {@code worsening}, ... */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
