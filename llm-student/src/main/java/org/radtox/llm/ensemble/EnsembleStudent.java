package org.radtox.llm.ensemble;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.radtox.student.Student;
import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.finding.Finding;
import org.radtox.student.note.Note;

/**
 * The embedded student and an LLM student together ({@link EnsembleMode}). Off by default: whether it
 * beats the embedded student alone can only be measured with a real model on the gold validation split,
 * which cannot run on the machines RadTox is built on. Findings keep the version of the student that
 * produced them in {@link Finding#producedBy()}.
 */
public final class EnsembleStudent implements Student {

    private final String version;
    private final EnsembleMode mode;
    private final EmbeddedStudent embedded;
    private final Student llm;
    private final EmbeddedDoubt doubt;

    public EnsembleStudent(String version, EnsembleMode mode, EmbeddedStudent embedded, Student llm) {
        this.version = version;
        this.mode = mode;
        this.embedded = embedded;
        this.llm = llm;
        this.doubt = new EmbeddedDoubt(embedded);
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<Finding> extract(Note note) {
        List<Finding> own = embedded.extract(note);
        Set<String> doubtful = doubt.doubtful(note, own);
        if (mode == EnsembleMode.DEFER) {
            return doubtful.isEmpty() ? attributed(own, embedded.version()) : attributed(llm.extract(note), llm.version());
        }
        Map<String, Finding> mine = bySymptom(attributed(own, embedded.version()));
        Map<String, Finding> theirs = bySymptom(attributed(llm.extract(note), llm.version()));
        List<Finding> out = new ArrayList<>();
        for (String key : embedded.symptomSet().keys()) {
            Finding a = mine.get(key);
            Finding b = theirs.get(key);
            if (a != null && b != null && a.status() == b.status()) {
                // Agreement: the embedded student's words, the LLM's grade where the embedded one could not grade.
                out.add(a.grade() == null && b.grade() != null ? new Finding(key, a.status(), b.grade(), a.evidence(),
                        a.producedBy()) : a);
            } else if (doubtful.contains(key)) {
                if (b != null) {
                    out.add(b);
                }
            } else if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    private static List<Finding> attributed(List<Finding> findings, String studentVersion) {
        return findings.stream().map(f -> f.producedBy() == null ? f.attributedTo(studentVersion) : f).toList();
    }

    private static Map<String, Finding> bySymptom(List<Finding> findings) {
        Map<String, Finding> m = new LinkedHashMap<>();
        findings.forEach(f -> m.put(f.symptom(), f));
        return m;
    }
}
