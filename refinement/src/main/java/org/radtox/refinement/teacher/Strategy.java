package org.radtox.refinement.teacher;

import java.util.Locale;

/** The three ways a teacher can improve a student (the published method's menu). */
public enum Strategy {
    /**
     * Rewrite what guides the student: per-symptom guidance for an LLM student; for the embedded student
     * the data that plays its prompt's role (lexicon entries, cue phrases, assertion triggers, grade cues).
     */
    PROMPT_REFINEMENT,
    /** Choose gold examples (with short rationales) for the student's retrieval bank. */
    RETRIEVAL,
    /** Train the student's learned component (an LLM student's adapter, from an exported training set). */
    FINE_TUNING;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
