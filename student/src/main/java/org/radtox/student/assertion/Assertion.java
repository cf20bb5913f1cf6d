package org.radtox.student.assertion;

/** How a mention stands in its context (after NegEx / ConText). Only the first three speak of now. */
public enum Assertion {
    /** The patient has it now. */
    AFFIRMED,
    /** Explicitly not there now: denied, negative, none. */
    NEGATED,
    /** It was there and is gone: resolved, no longer. Counts as absent. */
    RESOLVED,
    /** Past history, or before radiotherapy, with nothing saying it persists. */
    HISTORICAL,
    /** Education, precautions, risks, plans conditional on it: not a statement about the patient. */
    HYPOTHETICAL,
    /** About somebody else (family history, the wife's condition). */
    OTHER_PERSON,
    /** Hedged: possible, questionable, rule out. */
    UNCERTAIN,
    /** A drug list or another place where a word is not a statement about symptoms. */
    NOT_A_STATEMENT;

    public boolean saysPresent() {
        return this == AFFIRMED;
    }

    public boolean saysAbsent() {
        return this == NEGATED || this == RESOLVED;
    }
}
