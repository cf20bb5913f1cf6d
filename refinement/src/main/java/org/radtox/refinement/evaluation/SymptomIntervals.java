package org.radtox.refinement.evaluation;

/** One symptom's figures with 95% bootstrap intervals over notes (NaN estimates where a figure is undefined). */
public record SymptomIntervals(Interval accuracy, Interval f1, Interval gradeMatch) {
}
