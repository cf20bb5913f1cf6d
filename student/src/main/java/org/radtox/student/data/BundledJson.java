package org.radtox.student.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the student's versioned data files (lexicon, rules, symptom sets) from the classpath, next to the
 * class that owns them. A missing file is a packaging defect and says which file.
 */
public final class BundledJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BundledJson() {
    }

    /** @param what what the file is, for the error message ("lexicon for symptom set 'x'") */
    public static JsonNode read(Class<?> owner, String resource, String what) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled " + what + " (" + resource + " next to " + owner.getName() + ")");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + what, e);
        }
    }
}
