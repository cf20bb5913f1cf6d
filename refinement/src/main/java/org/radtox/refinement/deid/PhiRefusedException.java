package org.radtox.refinement.deid;

import java.util.List;

/** A remote call refused because notes in it may hold PHI; the spans say where. */
public class PhiRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<PhiSpan> spans;

    public PhiRefusedException(List<PhiSpan> spans) {
        super("refused to send notes to a remote teacher: " + spans.size() + " possible identifier(s): "
                + String.join("; ", spans.stream().limit(20).map(PhiSpan::describe).toList())
                + (spans.size() > 20 ? "; ..." : "")
                + " (de-identify the gold set, or pass an explicit, logged override if these are not PHI)");
        this.spans = List.copyOf(spans);
    }

    public List<PhiSpan> spans() {
        return spans;
    }
}
