package org.radtox.refinement.teacher;

/**
 * Studies a student's errors on the train split and proposes changes, choosing the strategy per symptom.
 * Two implementations: {@link OfflineTeacher} (no network, derives proposals from the gold labels) and
 * {@link OpenAiTeacher} (GPT-4o or any OpenAI-compatible model, behind the PHI guard).
 */
public interface Teacher {

    /** For the registry's lineage and the report, e.g. {@code offline} or {@code openai:gpt-4o}. */
    String name();

    /**
     * What one call is expected to cost at most, in dollars, so that the loop can stop before the budget is
     * exceeded rather than after.
     */
    double estimateDollars(TeacherRequest request);

    TeacherAnswer propose(TeacherRequest request);
}
