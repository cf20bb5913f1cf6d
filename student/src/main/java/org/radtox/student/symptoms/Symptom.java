package org.radtox.student.symptoms;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

import org.radtox.student.catalog.CtcaeTerm;

/**
 * A toxicity RadTox watches for, keyed as in the interchange formats (e.g. {@code nocturia}) and coded
 * by a CTCAE term.
 *
 * @param key     the stable key used in JSONL, FHIR and the dashboard
 * @param display the clinician-facing name
 * @param term    the CTCAE v5.0 term that codes it
 * @param grades  the grades that may be emitted: the term's own, or a documented subset of them
 */
public record Symptom(String key, String display, CtcaeTerm term, SortedSet<Integer> grades) {

    public Symptom {
        grades = Collections.unmodifiableSortedSet(new TreeSet<>(grades));
    }

    public boolean allowsGrade(int grade) {
        return grades.contains(grade);
    }

    public int highestGrade() {
        return grades.isEmpty() ? 0 : grades.last();
    }
}
