package org.radtox.refinement.teacher;

/** What one teacher call consumed: tokens as the model server counted them, and the dollars they cost. */
public record TeacherUsage(long inputTokens, long outputTokens, double dollars) {

    public static final TeacherUsage NONE = new TeacherUsage(0, 0, 0);

    public TeacherUsage plus(TeacherUsage o) {
        return new TeacherUsage(inputTokens + o.inputTokens, outputTokens + o.outputTokens, dollars + o.dollars);
    }
}
