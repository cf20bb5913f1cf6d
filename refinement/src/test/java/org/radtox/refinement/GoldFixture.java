package org.radtox.refinement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.radtox.refinement.candidate.EmbeddedData;

/**
 * Small gold folders written for one test: notes whose labels name only what differs from "not mentioned".
 * {@code note("G-1", "Up 3x at night.", "nocturia=present/1")}.
 */
public final class GoldFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldFixture() {
    }

    public static String note(String id, String text, String... labels) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String l : labels) {
            String[] kv = l.split("=");
            given.put(kv[0], kv[1]);
        }
        ObjectNode o = JSON.createObjectNode().put("id", id).put("text", text);
        ObjectNode ls = o.putObject("labels");
        for (String key : EmbeddedData.symptomSet().keys()) {
            ObjectNode l = ls.putObject(key);
            String v = given.getOrDefault(key, "not_mentioned/null");
            String[] sg = v.split("/");
            l.put("status", sg[0]);
            if (sg[1].equals("null")) {
                l.putNull("grade");
            } else {
                l.put("grade", Integer.parseInt(sg[1]));
            }
        }
        return o.toString();
    }

    /** A gold folder with the three splits and an attestation. */
    public static Path folder(Path dir, List<String> train, List<String> validation, List<String> test) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("train.jsonl"), train);
        Files.write(dir.resolve("validation.jsonl"), validation);
        Files.write(dir.resolve("test.jsonl"), test);
        Files.writeString(dir.resolve("ATTESTATION.md"), "# Attestation\n\nSynthetic notes written for tests; no PHI.\n"
                + "- Synthetic date years: 2031-2033\n");
        return dir;
    }

    /** The bundled gold set (the build passes its folder as a system property). */
    public static Path bundled() {
        return Path.of(System.getProperty("radtox.gold", "../data/gold/prostate-rt"));
    }
}
