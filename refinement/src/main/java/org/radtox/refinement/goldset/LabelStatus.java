package org.radtox.refinement.goldset;

import java.util.Locale;

import org.radtox.student.finding.Status;

/** The three answers a gold label can give (LABELING.md). */
public enum LabelStatus {
    PRESENT, ABSENT, NOT_MENTIONED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LabelStatus ofCode(String code) {
        for (LabelStatus s : values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("status must be present, absent or not_mentioned, not '" + code + "'");
    }

    public static LabelStatus of(Status status) {
        return status == Status.PRESENT ? PRESENT : ABSENT;
    }
}
