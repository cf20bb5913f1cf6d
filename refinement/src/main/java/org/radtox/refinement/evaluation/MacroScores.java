package org.radtox.refinement.evaluation;

/** Means over symptoms (those where the metric is defined), each with a 95% bootstrap interval over notes. */
public record MacroScores(Interval accuracy, Interval f1, Interval gradeMatch, int bootstrapSamples) {
}
