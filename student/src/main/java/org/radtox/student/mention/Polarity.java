package org.radtox.student.mention;

/** What the words of a mention say by themselves, before any context is read. */
public enum Polarity {
    /** "nocturia", "blood on the tissue": the symptom is named; context decides. */
    NAMES_SYMPTOM,
    /** "fully continent", "SHIM 24": the phrase itself states that the symptom is absent. */
    STATES_ABSENCE,
    /** "SHIM 9": a score that by itself states the symptom is there. */
    STATES_PRESENCE
}
