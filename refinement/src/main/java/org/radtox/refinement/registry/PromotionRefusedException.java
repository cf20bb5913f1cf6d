package org.radtox.refinement.registry;

import java.util.List;

/** A promotion or rollback the registry refused; nothing was changed. */
public class PromotionRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> reasons;

    public PromotionRefusedException(String what, List<String> reasons) {
        super(what + ": " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
