package org.radtox.refinement.teacher;

import java.util.List;

import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.evaluation.NoteResult;
import org.radtox.refinement.goldset.GoldSet;
import org.radtox.student.version.StudentVersion;

/**
 * What a teacher gets in one round: the student, its errors on the train split, and the train split itself
 * (the labels the offline teacher mines). Validation and test are never given to a teacher.
 *
 * @param data        the embedded student's data, {@code null} for another kind of student
 * @param trainResult what the student said of every train note
 * @param round       1 for the first round
 * @param seed        for any choice the teacher makes at random (sampling errors), so runs repeat
 */
public record TeacherRequest(StudentVersion student, EmbeddedData data, GoldSet train, List<NoteResult> trainResult,
                             List<ErrorCase> errors, int round, long seed) {

    public TeacherRequest {
        trainResult = List.copyOf(trainResult);
        errors = List.copyOf(errors);
    }
}
