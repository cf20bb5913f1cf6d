package org.radtox.refinement.loop;

/** Why the rounds ended. */
public enum StopReason {
    /** a round gained less than the threshold on validation */
    NO_GAIN,
    /** the round limit */
    ROUND_LIMIT,
    /** the next teacher call would exceed the budget */
    BUDGET,
    /** the teacher failed after the first round; the rounds before it stand */
    TEACHER_FAILED
}
