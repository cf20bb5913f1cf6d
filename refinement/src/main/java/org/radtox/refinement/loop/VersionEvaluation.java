package org.radtox.refinement.loop;

import org.radtox.refinement.evaluation.Evaluation;

/** A student version scored on the three splits (test is reported, never used to decide). */
public record VersionEvaluation(String versionId, Evaluation train, Evaluation validation, Evaluation test) {
}
