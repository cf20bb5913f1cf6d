package org.radtox.refinement.goldset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.radtox.student.symptoms.SymptomSet;

/**
 * A gold-set folder as refinement needs it (FORMATS.md "Gold-set folders"): train, validation and test
 * splits with ids unique across all three, every grade one CTCAE defines, and a de-identification
 * attestation. Anything else is refused with the file and line at fault, before anything runs.
 */
public record GoldFolder(Path dir, String name, GoldSet train, GoldSet validation, GoldSet test, Attestation attestation) {

    public static GoldFolder read(Path dir, SymptomSet symptoms) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new GoldSetFormatException("gold folder not found: " + dir
                    + " (a gold folder holds train.jsonl, validation.jsonl, test.jsonl and ATTESTATION.md)");
        }
        Attestation attestation = Attestation.read(dir);
        GoldSet[] splits = new GoldSet[3];
        Map<String, String> seen = new HashMap<>();
        for (GoldSet.Split split : GoldSet.Split.values()) {
            Path file = dir.resolve(split.fileName());
            if (!Files.exists(file)) {
                throw new GoldSetFormatException("gold folder " + dir + " has no " + split.fileName()
                        + " (a gold folder holds train.jsonl, validation.jsonl, test.jsonl and ATTESTATION.md)");
            }
            GoldSet set = GoldSet.readFile(file, symptoms);
            for (GoldNote n : set.notes()) {
                String other = seen.putIfAbsent(n.id(), split.fileName());
                if (other != null) {
                    throw new GoldSetFormatException("splits overlap: " + n.id() + " is in both " + other + " and " + split.fileName()
                            + " (a note in two splits would let tuning see the held-out notes)");
                }
            }
            splits[split.ordinal()] = set;
        }
        Path abs = dir.toAbsolutePath().normalize();
        return new GoldFolder(dir, abs.getFileName() == null ? abs.toString() : abs.getFileName().toString(), splits[0], splits[1],
                splits[2], attestation);
    }

    public int size() {
        return train.size() + validation.size() + test.size();
    }
}
