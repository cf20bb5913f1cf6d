package org.radtox.server.health;

/** One named part of readiness: the database, the data folder, extraction. Runs quickly and never throws. */
public interface Check {

    String name();

    Result run();

    /** UP: fine. DEGRADED: the node still takes notes, but something needs an operator. DOWN: send no traffic here. */
    enum Status { UP, DEGRADED, DOWN }

    record Result(String name, Status status, String message) {
        public static Result up(String name, String message) {
            return new Result(name, Status.UP, message);
        }
    }
}
