package org.radtox.refinement.teacher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The remote teacher's prompts, versioned resource files ({@code prompts/<version>.system.txt} and
 * {@code .user.txt} with {@code {{placeholders}}}): a change to what the teacher is asked is a new version,
 * recorded with every version it produced.
 */
public record TeacherPrompt(String version, String system, String userTemplate, String labelingSummary) {

    public static final String CURRENT = "teacher.v1";

    public static TeacherPrompt load(String version) {
        return new TeacherPrompt(version, resource(version + ".system.txt"), resource(version + ".user.txt"),
                resource("labeling-summary.txt").strip());
    }

    public String user(Map<String, String> values) {
        String out = userTemplate;
        for (var e : values.entrySet()) {
            out = out.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        if (out.contains("{{")) {
            throw new IllegalStateException("prompt " + version + " has a placeholder that was not filled: "
                    + out.substring(out.indexOf("{{"), Math.min(out.length(), out.indexOf("{{") + 30)));
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = TeacherPrompt.class.getResourceAsStream("prompts/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no teacher prompt " + name + " (prompts/ next to " + TeacherPrompt.class.getName() + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
