package org.radtox.llm.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.radtox.student.finding.Evidence;
import org.radtox.student.finding.Finding;
import org.radtox.student.symptoms.Symptom;
import org.radtox.student.symptoms.SymptomSet;

/**
 * Checks every proposed finding against the symptom set, CTCAE and the note itself: a symptom outside the
 * set, a grade CTCAE does not define for the term, a quote that is not in the note, or a quote that lies in
 * text addressed to the model is dropped with its reason. What passes has evidence cut from the note.
 */
public final class AnswerGuard {

    private final SymptomSet symptoms;
    private final InstructionScreen screen;

    public AnswerGuard(SymptomSet symptoms, InstructionScreen screen) {
        this.symptoms = symptoms;
        this.screen = screen;
    }

    /** What survived the checks, and what did not. */
    public record Checked(List<Finding> kept, List<Rejection> rejected) {
    }

    /**
     * @param noteText   the whole note (evidence offsets refer to it)
     * @param partStart  where the part the model read begins in the note
     * @param partText   the part the model read (its quotes must be in it)
     */
    public Checked check(String noteText, int partStart, String partText, List<ProposedFinding> proposed) {
        List<Finding> kept = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        QuoteLocator quotes = new QuoteLocator(partText);
        List<int[]> instructions = null;
        for (ProposedFinding p : proposed) {
            Optional<Symptom> symptom = symptoms.symptom(p.symptom());
            if (symptom.isEmpty()) {
                rejected.add(new Rejection(p.symptom(), "not a symptom of the set " + symptoms.id()));
                continue;
            }
            Symptom s = symptom.get();
            boolean present = p.status().equals("present");
            if (!present && p.grade() != null && p.grade() != 0) {
                rejected.add(new Rejection(s.key(), "absent with grade " + p.grade()));
                continue;
            }
            if (present && p.grade() != null && !s.allowsGrade(p.grade())) {
                rejected.add(new Rejection(s.key(), "grade " + p.grade() + " is not defined by CTCAE v5.0 for '"
                        + s.term().name() + "' (grades " + s.grades() + ")"));
                continue;
            }
            Optional<int[]> at = quotes.locate(p.evidence());
            if (at.isEmpty()) {
                rejected.add(new Rejection(s.key(), "evidence not found in the note: \"" + abbreviate(p.evidence()) + "\""));
                continue;
            }
            int start = partStart + at.get()[0];
            int end = partStart + at.get()[1];
            if (instructions == null) {
                instructions = screen.spans(noteText);
            }
            if (overlapsAny(start, end, instructions)) {
                rejected.add(new Rejection(s.key(), "evidence lies in text addressed to a language model: \""
                        + abbreviate(p.evidence()) + "\""));
                continue;
            }
            Evidence evidence = Evidence.of(noteText, start, end);
            kept.add(present ? Finding.present(s.key(), p.grade(), evidence) : Finding.absent(s.key(), evidence));
        }
        return new Checked(kept, rejected);
    }

    private static boolean overlapsAny(int start, int end, List<int[]> spans) {
        for (int[] span : spans) {
            if (start < span[1] && span[0] < end) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 80 ? one : one.substring(0, 77) + "...";
    }
}
