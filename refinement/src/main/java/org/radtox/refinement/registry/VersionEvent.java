package org.radtox.refinement.registry;

import java.time.Instant;

/** A promotion or rollback: the version made active, the one it replaced, who and why. */
public record VersionEvent(long seq, Action action, String versionId, String previousId, String reason, String actor, Instant at) {

    public enum Action {
        PROMOTE, ROLLBACK
    }
}
