package org.radtox.llm.ensemble;

import java.util.Locale;

/** How the embedded student and an LLM student share the work. */
public enum EnsembleMode {
    /** The embedded student decides the notes it reads clearly; the LLM reads the doubtful ones. */
    DEFER,
    /** Both read every note; where they agree the finding stands, where they differ the doubt decides who wins. */
    VOTE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EnsembleMode ofCode(String code) {
        for (EnsembleMode m : values()) {
            if (m.code().equalsIgnoreCase(code)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown ensemble mode '" + code + "'; use defer or vote");
    }
}
