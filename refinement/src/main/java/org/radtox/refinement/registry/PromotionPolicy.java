package org.radtox.refinement.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.radtox.refinement.registry.EvaluationSummary.SymptomFigures;

/**
 * The gate a version passes to reach patients: on the same validation notes as the version it replaces, a
 * macro-F1 gain of at least {@code minGain}, no symptom worse by more than {@code tolerance} (F1 or 3-class
 * accuracy), and a test-split report on file.
 */
public record PromotionPolicy(double minGain, double tolerance) {

    public static final PromotionPolicy DEFAULT = new PromotionPolicy(0.005, 0.02);

    public PromotionPolicy {
        if (!(minGain >= 0) || !(tolerance >= 0)) {
            throw new IllegalArgumentException("the promotion gain and tolerance must be 0 or more");
        }
    }

    /** The reasons the candidate may not replace the baseline; empty when it may. */
    public List<String> refusals(RegisteredVersion candidate, RegisteredVersion baseline) {
        List<String> no = new ArrayList<>();
        if (candidate.validation() == null) {
            no.add(candidate.id() + " has no validation evaluation");
        }
        if (candidate.test() == null) {
            no.add(candidate.id() + " has no test-split report");
        }
        if (baseline.validation() == null) {
            no.add("the version it would replace, " + baseline.id() + ", has no validation evaluation to compare with");
        }
        if (!no.isEmpty()) {
            return no;
        }
        EvaluationSummary c = candidate.validation();
        EvaluationSummary b = baseline.validation();
        if (!c.goldDigest().equals(b.goldDigest())) {
            no.add(candidate.id() + " and " + baseline.id() + " were evaluated on different validation notes; "
                    + "evaluate both on one gold set first");
            return no;
        }
        double gain = c.macroF1().estimate() - b.macroF1().estimate();
        if (!(gain >= minGain - 1e-12)) {
            no.add(String.format(Locale.ROOT, "validation macro-F1 %.4f vs %.4f of %s: gain %+.4f, the gate asks for at least %+.4f",
                    c.macroF1().estimate(), b.macroF1().estimate(), baseline.id(), gain, minGain));
        }
        b.symptoms().forEach((symptom, before) -> {
            SymptomFigures after = c.symptoms().get(symptom);
            if (after == null) {
                no.add(symptom + " is not scored for " + candidate.id());
                return;
            }
            if (before.f1() != null && after.f1() != null && before.f1() - after.f1() > tolerance + 1e-12) {
                no.add(String.format(Locale.ROOT, "%s F1 falls from %.3f to %.3f, more than the tolerance of %.3f", symptom,
                        before.f1(), after.f1(), tolerance));
            }
            if (before.accuracy() - after.accuracy() > tolerance + 1e-12) {
                no.add(String.format(Locale.ROOT, "%s accuracy falls from %.3f to %.3f, more than the tolerance of %.3f", symptom,
                        before.accuracy(), after.accuracy(), tolerance));
            }
        });
        return no;
    }
}
