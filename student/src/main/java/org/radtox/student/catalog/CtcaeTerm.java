package org.radtox.student.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One term of CTCAE v5.0, as the official sheet gives it.
 *
 * @param meddraCode    the MedDRA LLT code of the term
 * @param soc           the MedDRA system organ class
 * @param name          the CTCAE term, e.g. "Urinary frequency"
 * @param gradeCriteria criteria text for each grade the term defines (grades marked "-" in the sheet are absent)
 * @param definition    the CTCAE definition, may be empty
 */
public record CtcaeTerm(long meddraCode, String soc, String name, SortedMap<Integer, String> gradeCriteria,
                        String definition) {

    public CtcaeTerm {
        gradeCriteria = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(gradeCriteria));
    }

    /** Whether CTCAE v5.0 defines this grade for the term; grades it does not define are never emitted. */
    public boolean definesGrade(int grade) {
        return gradeCriteria.containsKey(grade);
    }

    public int highestGrade() {
        return gradeCriteria.isEmpty() ? 0 : gradeCriteria.lastKey();
    }

    public Optional<String> criteria(int grade) {
        return Optional.ofNullable(gradeCriteria.get(grade));
    }

    static CtcaeTerm of(long code, String soc, String name, Map<Integer, String> grades, String definition) {
        return new CtcaeTerm(code, soc, name, new TreeMap<>(grades), definition);
    }
}
