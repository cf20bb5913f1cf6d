package org.radtox.refinement.evaluation;

import java.util.List;

import org.radtox.refinement.goldset.Label;
import org.radtox.refinement.goldset.LabelStatus;

/**
 * How well one symptom was read over a set of notes.
 *
 * @param confusion  counts [gold status][predicted status], in {@link LabelStatus} order
 * @param accuracy   3-class accuracy (present / absent / not mentioned)
 * @param precision  for present; {@code null} when nothing was predicted present
 * @param recall     for present; {@code null} when nothing is present in the gold
 * @param f1         for present; {@code null} when undefined
 * @param gradeMatch exact grade agreement on true positives; {@code null} without true positives
 */
public record SymptomScore(int[][] confusion, int notes, double accuracy, Double precision, Double recall, Double f1,
                           Double gradeMatch, int truePositives) {

    public static SymptomScore of(List<Label> gold, List<Label> predicted) {
        int[][] confusion = new int[3][3];
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int gradeHits = 0;
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            Label g = gold.get(i);
            Label p = predicted.get(i);
            confusion[g.status().ordinal()][p.status().ordinal()]++;
            if (g.status() == p.status()) {
                correct++;
            }
            boolean gp = g.status() == LabelStatus.PRESENT;
            boolean pp = p.status() == LabelStatus.PRESENT;
            if (gp && pp) {
                tp++;
                if (java.util.Objects.equals(g.grade(), p.grade())) {
                    gradeHits++;
                }
            } else if (pp) {
                fp++;
            } else if (gp) {
                fn++;
            }
        }
        Double precision = tp + fp == 0 ? null : (double) tp / (tp + fp);
        Double recall = tp + fn == 0 ? null : (double) tp / (tp + fn);
        Double f1;
        if (tp + fp + fn == 0) {
            f1 = null;
        } else {
            f1 = 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return new SymptomScore(confusion, gold.size(), gold.isEmpty() ? 0 : (double) correct / gold.size(), precision,
                recall, f1, tp == 0 ? null : (double) gradeHits / tp, tp);
    }

    public int count(LabelStatus gold, LabelStatus predicted) {
        return confusion[gold.ordinal()][predicted.ordinal()];
    }
}
