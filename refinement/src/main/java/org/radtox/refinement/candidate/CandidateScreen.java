package org.radtox.refinement.candidate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.radtox.refinement.evaluation.Evaluator;
import org.radtox.refinement.evaluation.NoteResult;
import org.radtox.refinement.goldset.GoldNote;
import org.radtox.refinement.goldset.GoldSet;
import org.radtox.refinement.goldset.Label;
import org.radtox.refinement.goldset.LabelStatus;
import org.radtox.student.Student;
import org.radtox.student.mention.PhrasePatterns;

/**
 * How a candidate changes what the student says on a set of notes, against what its parent said. Only the
 * notes where an edit's phrase occurs can change, so only those are read again: that is what makes
 * checking hundreds of proposals a round affordable.
 */
public final class CandidateScreen {

    /** What a candidate changed: (note, symptom) pairs fixed and broken, and a weighted score. */
    public record Effect(int fixed, int broken, double gain, int notesRead, List<String> fixedNotes, List<String> brokenNotes,
                         List<NoteResult> reread) {

        /** Better and no worse anywhere it matters more than it gains. */
        public boolean helps() {
            return gain > 0 && fixed > broken;
        }

        public boolean hurts() {
            return gain < 0;
        }
    }

    private final GoldSet notes;
    private final List<String> symptoms;
    private final Map<String, NoteResult> parent;
    private final List<NoteResult> order;

    public CandidateScreen(GoldSet notes, List<String> symptoms, List<NoteResult> parentResults) {
        this.notes = notes;
        this.symptoms = List.copyOf(symptoms);
        this.parent = new HashMap<>();
        this.order = List.copyOf(parentResults);
        parentResults.forEach(r -> parent.put(r.gold().id(), r));
    }

    /** The parent's results with the notes an accepted candidate read again replaced: the new parent's results. */
    public List<NoteResult> accept(Effect effect) {
        Map<String, NoteResult> changed = new HashMap<>();
        effect.reread().forEach(r -> changed.put(r.gold().id(), r));
        return order.stream().map(r -> changed.getOrDefault(r.gold().id(), r)).toList();
    }

    /** The effect of {@code candidate} (the parent with {@code edits}) on the notes those edits can touch. */
    public Effect effect(List<Edit> edits, Student candidate) {
        Pattern touched = PhrasePatterns.compile(edits.stream().map(Edit::phrase).distinct().toList());
        int fixed = 0;
        int broken = 0;
        double gain = 0;
        int read = 0;
        List<String> fixedNotes = new ArrayList<>();
        List<String> brokenNotes = new ArrayList<>();
        List<NoteResult> reread = new ArrayList<>();
        for (GoldNote note : notes.notes()) {
            if (!touched.matcher(note.text()).find()) {
                continue;
            }
            read++;
            NoteResult before = parent.get(note.id());
            NoteResult after = predict(candidate, note);
            reread.add(after);
            for (String s : symptoms) {
                Label gold = note.label(s);
                double was = cost(gold, before.predicted(s));
                double is = cost(gold, after.predicted(s));
                if (was > 0 && is == 0) {
                    fixed++;
                    fixedNotes.add(note.id() + " " + s);
                } else if (was == 0 && is > 0) {
                    broken++;
                    brokenNotes.add(note.id() + " " + s);
                }
                gain += was - is;
            }
        }
        return new Effect(fixed, broken, gain, read, fixedNotes, brokenNotes, reread);
    }

    /**
     * How wrong one answer is, weighted by what the figures weigh: a present/not-present confusion moves F1
     * and accuracy, an absent/not-mentioned one only accuracy, a wrong grade only grade agreement.
     */
    public static double cost(Label gold, Label predicted) {
        boolean gp = gold.status() == LabelStatus.PRESENT;
        boolean pp = predicted.status() == LabelStatus.PRESENT;
        if (gp && pp) {
            return Objects.equals(gold.grade(), predicted.grade()) ? 0 : 0.5;
        }
        if (gold.status() == predicted.status()) {
            return 0;
        }
        return gp || pp ? 2 : 1;
    }

    /** What a student says of one gold note, as labels (a refused note says nothing). */
    public static NoteResult predict(Student student, GoldNote note) {
        return Evaluator.read(student, note);
    }

    public static List<NoteResult> predictAll(Student student, GoldSet set) {
        List<NoteResult> out = new ArrayList<>(set.size());
        for (GoldNote n : set.notes()) {
            out.add(predict(student, n));
        }
        return out;
    }
}
