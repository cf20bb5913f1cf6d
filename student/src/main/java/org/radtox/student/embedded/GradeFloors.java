package org.radtox.student.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.radtox.student.finding.Finding;
import org.radtox.student.finding.Status;
import org.radtox.student.grading.GradingRules;
import org.radtox.student.symptoms.Symptom;
import org.radtox.student.symptoms.SymptomSet;

/**
 * Where CTCAE grades one term by another, the other's grade is a floor: noninfective cystitis is graded
 * by its hematuria (microscopic G1, moderate G2, gross with transfusion G3), so present cystitis is at
 * least the grade of present hematuria. Which terms follow which is data ({@code gradeFloors}).
 */
final class GradeFloors {

    private final GradingRules rules;

    GradeFloors(GradingRules rules) {
        this.rules = rules;
    }

    List<Finding> apply(SymptomSet symptoms, Map<String, Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings.values()) {
            out.add(raise(symptoms, findings, f));
        }
        return out;
    }

    private Finding raise(SymptomSet symptoms, Map<String, Finding> findings, Finding f) {
        if (f.status() != Status.PRESENT || f.grade() == null) {
            return f;
        }
        int grade = f.grade();
        for (String other : rules.gradeFloors(f.symptom())) {
            Finding o = findings.get(other);
            if (o != null && o.status() == Status.PRESENT && o.grade() != null) {
                grade = Math.max(grade, o.grade());
            }
        }
        Symptom symptom = symptoms.symptom(f.symptom()).orElseThrow();
        int allowed = symptom.grades().headSet(grade + 1).last();
        return allowed == f.grade() ? f : Finding.present(f.symptom(), allowed, f.evidence());
    }
}
