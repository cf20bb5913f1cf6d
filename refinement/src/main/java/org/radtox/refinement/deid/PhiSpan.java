package org.radtox.refinement.deid;

/** One possible identifier in one note: what it looks like, where, and the text (for the operator only). */
public record PhiSpan(String noteId, PhiKind kind, int start, int end, String text) {

    public String describe() {
        return noteId + " [" + start + "," + end + ") " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + ": \"" + text + "\"";
    }
}
