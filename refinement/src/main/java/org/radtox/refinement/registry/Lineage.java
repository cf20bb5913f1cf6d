package org.radtox.refinement.registry;

/**
 * Where a version came from: its parent, the round and strategy that made it, the teacher, and the run.
 * The bundled release has no parent and round 0.
 */
public record Lineage(String parentId, int round, String strategy, String teacher, String runId) {

    public static Lineage release() {
        return new Lineage(null, 0, "release", "none", null);
    }
}
