package org.radtox.refinement.evaluation;

/** A point estimate with its 95% bootstrap interval. */
public record Interval(double estimate, double low, double high) {
}
