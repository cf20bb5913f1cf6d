package org.radtox.server.students;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.radtox.llm.retrieval.LabeledNote;
import org.radtox.refinement.goldset.GoldNote;
import org.radtox.refinement.goldset.GoldSet;
import org.radtox.refinement.goldset.Label;
import org.radtox.refinement.goldset.LabelStatus;
import org.radtox.student.finding.Status;
import org.radtox.student.symptoms.SymptomSet;

/** A gold set read by refinement's strict reader, as the labeled notes the LLM student's tools take. */
public final class LabeledGold {

    private LabeledGold() {
    }

    /** A gold file, or one split ({@code train}, {@code validation}, {@code test}) of a gold folder. */
    public static List<LabeledNote> read(Path gold, String split) throws IOException {
        if (!Files.exists(gold)) {
            throw new IllegalArgumentException("gold set not found: " + gold);
        }
        GoldSet.Split which;
        try {
            which = GoldSet.Split.valueOf(split.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--split must be train, validation or test, not " + split);
        }
        return GoldSet.read(gold, which, SymptomSet.prostateRt().keys()).notes().stream().map(LabeledGold::labeled).toList();
    }

    static LabeledNote labeled(GoldNote g) {
        Map<String, LabeledNote.Label> labels = new LinkedHashMap<>();
        g.labels().forEach((symptom, label) -> {
            if (label.status() != LabelStatus.NOT_MENTIONED) {
                labels.put(symptom, new LabeledNote.Label(status(label), label.grade()));
            }
        });
        return new LabeledNote(g.note(), labels);
    }

    private static Status status(Label label) {
        return label.status() == LabelStatus.PRESENT ? Status.PRESENT : Status.ABSENT;
    }
}
