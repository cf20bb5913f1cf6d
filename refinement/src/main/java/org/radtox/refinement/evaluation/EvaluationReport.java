package org.radtox.refinement.evaluation;

import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.radtox.refinement.goldset.LabelStatus;

/** Renders an {@link Evaluation} as a Markdown report (also the console table) or as JSON. */
public final class EvaluationReport {

    private EvaluationReport() {
    }

    public static String markdown(Evaluation e) {
        StringBuilder b = new StringBuilder();
        b.append("# Evaluation of ").append(e.studentVersion()).append(" on ").append(e.goldSet()).append("\n\n");
        b.append(e.notes().size()).append(" notes");
        if (e.failedNotes() > 0) {
            b.append(", ").append(e.failedNotes()).append(" refused by the student (counted as saying nothing)");
        }
        b.append(". Present / absent / not mentioned as in LABELING.md; P, R, F1 for present; grade = exact CTCAE grade on true positives.\n\n");
        b.append("| symptom | n present | acc 3-class | P | R | F1 | grade exact | confusion gold→pred (P/A/N rows) |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (String s : e.symptoms()) {
            SymptomScore x = e.bySymptom().get(s);
            int present = 0;
            for (LabelStatus p : LabelStatus.values()) {
                present += x.count(LabelStatus.PRESENT, p);
            }
            b.append("| ").append(s).append(" | ").append(present).append(" | ").append(f(x.accuracy())).append(" | ")
                    .append(f(x.precision())).append(" | ").append(f(x.recall())).append(" | ").append(f(x.f1()))
                    .append(" | ").append(f(x.gradeMatch())).append(" | ").append(confusion(x)).append(" |\n");
        }
        MacroScores m = e.macro();
        b.append("\n**Macro** (95% bootstrap interval over notes, ").append(m.bootstrapSamples()).append(" samples):\n\n");
        b.append("- 3-class accuracy: ").append(interval(m.accuracy())).append('\n');
        b.append("- F1 (present): ").append(interval(m.f1())).append('\n');
        b.append("- grade exact-match: ").append(interval(m.gradeMatch())).append('\n');
        return b.toString();
    }

    public static String json(Evaluation e) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("student", e.studentVersion());
        root.put("goldSet", e.goldSet());
        root.put("notes", e.notes().size());
        root.put("failedNotes", e.failedNotes());
        ObjectNode macro = root.putObject("macro");
        putInterval(macro.putObject("accuracy"), e.macro().accuracy());
        putInterval(macro.putObject("f1Present"), e.macro().f1());
        putInterval(macro.putObject("gradeExactMatch"), e.macro().gradeMatch());
        macro.put("bootstrapSamples", e.macro().bootstrapSamples());
        ObjectNode symptoms = root.putObject("symptoms");
        for (String s : e.symptoms()) {
            SymptomScore x = e.bySymptom().get(s);
            ObjectNode o = symptoms.putObject(s);
            o.put("accuracy", x.accuracy());
            put(o, "precision", x.precision());
            put(o, "recall", x.recall());
            put(o, "f1", x.f1());
            put(o, "gradeExactMatch", x.gradeMatch());
            o.put("truePositives", x.truePositives());
            ObjectNode c = o.putObject("confusion");
            for (LabelStatus g : LabelStatus.values()) {
                ObjectNode row = c.putObject(g.code());
                for (LabelStatus p : LabelStatus.values()) {
                    row.put(p.code(), x.count(g, p));
                }
            }
        }
        ArrayNode failed = root.putArray("refused");
        e.notes().stream().filter(n -> n.error() != null)
                .forEach(n -> failed.addObject().put("id", n.gold().id()).put("error", n.error()));
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void putInterval(ObjectNode o, Interval i) {
        put(o, "estimate", i.estimate());
        put(o, "low95", i.low());
        put(o, "high95", i.high());
    }

    private static void put(ObjectNode o, String field, Double v) {
        if (v == null || v.isNaN()) {
            o.putNull(field);
        } else {
            o.put(field, Math.round(v * 10000) / 10000.0);
        }
    }

    private static String confusion(SymptomScore x) {
        StringBuilder b = new StringBuilder();
        for (LabelStatus g : LabelStatus.values()) {
            if (b.length() > 0) {
                b.append(" · ");
            }
            b.append(x.count(g, LabelStatus.PRESENT)).append('/').append(x.count(g, LabelStatus.ABSENT)).append('/')
                    .append(x.count(g, LabelStatus.NOT_MENTIONED));
        }
        return b.toString();
    }

    private static String interval(Interval i) {
        return f(i.estimate()) + " [" + f(i.low()) + ", " + f(i.high()) + "]";
    }

    private static String f(Double v) {
        return v == null || v.isNaN() ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }
}
