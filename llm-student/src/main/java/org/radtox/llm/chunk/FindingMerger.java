package org.radtox.llm.chunk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.radtox.student.finding.Finding;
import org.radtox.student.finding.Status;
import org.radtox.student.symptoms.SymptomSet;

/**
 * One finding per symptom from the findings of a note's parts (or of one answer that named a symptom
 * twice): a symptom present anywhere is present, at the highest grade stated; absent only when no part
 * says present. Ties keep the earlier evidence. Output in symptom-set order, as {@code Student} promises.
 */
public final class FindingMerger {

    private final SymptomSet symptoms;

    public FindingMerger(SymptomSet symptoms) {
        this.symptoms = symptoms;
    }

    public List<Finding> merge(List<Finding> findings) {
        Map<String, Finding> best = new LinkedHashMap<>();
        for (Finding f : findings) {
            best.merge(f.symptom(), f, FindingMerger::stronger);
        }
        List<Finding> ordered = new ArrayList<>();
        for (String key : symptoms.keys()) {
            Finding f = best.get(key);
            if (f != null) {
                ordered.add(f);
            }
        }
        return ordered;
    }

    private static Finding stronger(Finding a, Finding b) {
        if (a.status() != b.status()) {
            return a.status() == Status.PRESENT ? a : b;
        }
        int ga = a.grade() == null ? 0 : a.grade();
        int gb = b.grade() == null ? 0 : b.grade();
        if (gb > ga) {
            return b;
        }
        return gb == ga && a.evidence().start() > b.evidence().start() ? b : a;
    }
}
