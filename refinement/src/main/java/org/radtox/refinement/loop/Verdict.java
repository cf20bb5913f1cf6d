package org.radtox.refinement.loop;

/** What the loop made of one proposal. */
public enum Verdict {
    /** fixes more than it breaks on train and loses nothing on validation */
    KEPT,
    /** changes nothing for the better on train, where the teacher studied the errors */
    NO_GAIN_ON_TRAIN,
    /**
     * helps on train but changes nothing on validation: there is no held-out evidence that it helps, and a
     * phrase only the train notes support may be their quirk rather than a way of writing
     */
    NO_GAIN_ON_VALIDATION,
    /** helps on train but costs on validation: the held-out notes say no */
    LOSES_ON_VALIDATION,
    /** cannot be applied: unknown symptom, a phrase that does not compile, a grade CTCAE does not define */
    INVALID,
    /** a strategy this student does not have (retrieval or fine-tuning for the embedded student) */
    NOT_APPLICABLE
}
