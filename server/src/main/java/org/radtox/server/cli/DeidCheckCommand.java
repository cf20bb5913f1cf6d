package org.radtox.server.cli;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import org.radtox.refinement.deid.PhiGuard;
import org.radtox.refinement.deid.PhiSpan;
import org.radtox.refinement.goldset.Attestation;

/** {@code radtox deid-check DIR|FILE}: the PHI check the remote teacher runs, on its own. */
@Command(name = "deid-check", mixinStandardHelpOptions = true,
        description = {"Runs the de-identification check that guards every remote teacher call on a gold folder (every .jsonl in "
                + "it) or a notes JSONL file: person names (after a title, or from a names dictionary), dates, MRN / SSN / phone / "
                + "fax / e-mail / URL / IP / street-address patterns, ages over 89. Prints every possible identifier with its note, "
                + "offsets and text; exits 0 when there is none, 1 when there is any. A folder's ATTESTATION.md may declare "
                + "'Synthetic date years: 2031-2033'; dates in those years are not counted."},
        footer = {"", "Examples:", "  radtox deid-check data/gold/prostate-rt", "  radtox deid-check exported-notes.jsonl"})
final class DeidCheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR|FILE", description = "A gold folder or a JSONL file of notes ({\"id\", \"text\"}).")
    Path path;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("not found: " + path);
        }
        List<Path> files = new ArrayList<>();
        Attestation.YearRange years = null;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                s.filter(p -> p.toString().endsWith(".jsonl")).sorted().forEach(files::add);
            }
            if (Files.exists(path.resolve(Attestation.FILE))) {
                years = Attestation.read(path).syntheticYears();
            } else {
                System.err.println("deid-check: " + path + " has no " + Attestation.FILE + "; dates in every year count");
            }
        } else {
            files.add(path);
        }
        PhiGuard guard = PhiGuard.create(years);
        ObjectMapper json = new ObjectMapper();
        int notes = 0;
        int hits = 0;
        for (Path f : files) {
            try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                int n = 0;
                while ((line = in.readLine()) != null) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode o;
                    try {
                        o = json.readTree(line);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        System.err.println(f + ":" + n + ": not JSON; skipped");
                        continue;
                    }
                    String id = o.path("id").asText(f.getFileName() + ":" + n);
                    notes++;
                    for (PhiSpan s : guard.scan(id, o.path("text").asText(""))) {
                        hits++;
                        System.out.println(f.getFileName() + " " + s.describe().replace('\n', ' '));
                    }
                }
            }
        }
        System.err.println("deid-check: " + notes + " note(s) in " + files.size() + " file(s): " + (hits == 0
                ? "no possible identifier found" : hits + " possible identifier(s)"));
        return hits == 0 ? 0 : 1;
    }
}
