package org.radtox.refinement.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;

import org.radtox.refinement.goldset.GoldNote;
import org.radtox.refinement.goldset.GoldSet;
import org.radtox.refinement.goldset.Label;
import org.radtox.refinement.goldset.LabelStatus;
import org.radtox.student.Student;
import org.radtox.student.UnreadableNoteException;
import org.radtox.student.finding.Finding;

/**
 * Runs a student over a gold set and scores it per symptom, with macro averages whose 95% intervals come
 * from a bootstrap over notes (percentile method, fixed seed, so a report is reproducible).
 */
public final class Evaluator {

    public static final int BOOTSTRAP_SAMPLES = 1000;
    private static final long SEED = 20261128L;

    private final Student student;
    private final List<String> symptoms;

    public Evaluator(Student student, List<String> symptoms) {
        this.student = student;
        this.symptoms = List.copyOf(symptoms);
    }

    /** @param progress called with the number of notes done so far */
    public Evaluation evaluate(GoldSet gold, IntConsumer progress) {
        List<NoteResult> results = new ArrayList<>();
        for (GoldNote note : gold.notes()) {
            results.add(read(student, note));
            progress.accept(results.size());
        }
        return score(student.version(), gold.name(), symptoms, results);
    }

    /** What a student says of one gold note, as labels (a note it refuses says nothing, with the reason). */
    public static NoteResult read(Student student, GoldNote note) {
        try {
            Map<String, Label> predicted = new LinkedHashMap<>();
            for (Finding f : student.extract(note.note())) {
                predicted.put(f.symptom(), new Label(LabelStatus.of(f.status()), f.grade()));
            }
            return new NoteResult(note, predicted, null);
        } catch (UnreadableNoteException e) {
            return new NoteResult(note, Map.of(), e.getMessage());
        }
    }

    /** Scores given results; public so that refinement can score candidates it ran itself. */
    public static Evaluation score(String version, String goldName, List<String> symptoms, List<NoteResult> results) {
        Map<String, SymptomScore> by = bySymptom(symptoms, results);
        SplittableRandom random = new SplittableRandom(SEED);
        double[][] samples = new double[3][BOOTSTRAP_SAMPLES];
        List<NoteResult> resample = new ArrayList<>(results.size());
        for (int b = 0; b < BOOTSTRAP_SAMPLES; b++) {
            resample.clear();
            for (int i = 0; i < results.size(); i++) {
                resample.add(results.get(random.nextInt(results.size())));
            }
            Map<String, SymptomScore> s = bySymptom(symptoms, resample);
            samples[0][b] = mean(s, SymptomScore::accuracy);
            samples[1][b] = mean(s, x -> x.f1() == null ? Double.NaN : x.f1());
            samples[2][b] = mean(s, x -> x.gradeMatch() == null ? Double.NaN : x.gradeMatch());
        }
        MacroScores macro = new MacroScores(
                interval(mean(by, SymptomScore::accuracy), samples[0]),
                interval(mean(by, x -> x.f1() == null ? Double.NaN : x.f1()), samples[1]),
                interval(mean(by, x -> x.gradeMatch() == null ? Double.NaN : x.gradeMatch()), samples[2]),
                BOOTSTRAP_SAMPLES);
        return new Evaluation(version, goldName, symptoms, by, macro, List.copyOf(results));
    }

    /** Per symptom, 95% bootstrap intervals of 3-class accuracy, F1 and grade agreement (same resampling as the macro figures). */
    public static Map<String, SymptomIntervals> symptomIntervals(List<String> symptoms, List<NoteResult> results) {
        SplittableRandom random = new SplittableRandom(SEED);
        Map<String, double[][]> samples = new LinkedHashMap<>();
        symptoms.forEach(s -> samples.put(s, new double[3][BOOTSTRAP_SAMPLES]));
        List<NoteResult> resample = new ArrayList<>(results.size());
        for (int b = 0; b < BOOTSTRAP_SAMPLES; b++) {
            resample.clear();
            for (int i = 0; i < results.size(); i++) {
                resample.add(results.get(random.nextInt(results.size())));
            }
            Map<String, SymptomScore> by = bySymptom(symptoms, resample);
            for (String s : symptoms) {
                SymptomScore x = by.get(s);
                samples.get(s)[0][b] = x.accuracy();
                samples.get(s)[1][b] = x.f1() == null ? Double.NaN : x.f1();
                samples.get(s)[2][b] = x.gradeMatch() == null ? Double.NaN : x.gradeMatch();
            }
        }
        Map<String, SymptomScore> point = bySymptom(symptoms, results);
        Map<String, SymptomIntervals> out = new LinkedHashMap<>();
        for (String s : symptoms) {
            SymptomScore x = point.get(s);
            out.put(s, new SymptomIntervals(interval(x.accuracy(), samples.get(s)[0]),
                    interval(x.f1() == null ? Double.NaN : x.f1(), samples.get(s)[1]),
                    interval(x.gradeMatch() == null ? Double.NaN : x.gradeMatch(), samples.get(s)[2])));
        }
        return out;
    }

    private static Map<String, SymptomScore> bySymptom(List<String> symptoms, List<NoteResult> results) {
        Map<String, SymptomScore> by = new LinkedHashMap<>();
        for (String s : symptoms) {
            List<Label> gold = new ArrayList<>(results.size());
            List<Label> predicted = new ArrayList<>(results.size());
            for (NoteResult r : results) {
                gold.add(r.gold().label(s));
                predicted.add(r.predicted(s));
            }
            by.put(s, SymptomScore.of(gold, predicted));
        }
        return by;
    }

    /** Mean over the symptoms where the metric is defined (NaN marks undefined). */
    private static double mean(Map<String, SymptomScore> scores, ToDoubleFunction<SymptomScore> metric) {
        double sum = 0;
        int n = 0;
        for (SymptomScore s : scores.values()) {
            double v = metric.applyAsDouble(s);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static Interval interval(double estimate, double[] samples) {
        double[] sorted = java.util.Arrays.stream(samples).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return new Interval(estimate, Double.NaN, Double.NaN);
        }
        return new Interval(estimate, sorted[(int) Math.floor(0.025 * (sorted.length - 1))],
                sorted[(int) Math.ceil(0.975 * (sorted.length - 1))]);
    }
}
