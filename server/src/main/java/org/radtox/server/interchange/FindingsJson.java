package org.radtox.server.interchange;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.radtox.student.finding.Finding;

/** Writes the lines of FORMATS.md "Findings out": one compact JSON object per note, or its error. */
public final class FindingsJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private FindingsJson() {
    }

    public static String findings(String id, String student, List<Finding> findings) {
        return write(g -> {
            g.writeStringField("id", id);
            g.writeStringField("student", student);
            g.writeArrayFieldStart("findings");
            for (Finding f : findings) {
                g.writeStartObject();
                g.writeStringField("symptom", f.symptom());
                g.writeStringField("status", f.status().code());
                if (f.grade() == null) {
                    g.writeNullField("grade");
                } else {
                    g.writeNumberField("grade", f.grade());
                }
                g.writeObjectFieldStart("evidence");
                g.writeStringField("text", f.evidence().text());
                g.writeNumberField("start", f.evidence().start());
                g.writeNumberField("end", f.evidence().end());
                g.writeEndObject();
                if (f.producedBy() != null) {
                    // The student that really produced it, when not the one asked (an LLM student that fell back).
                    g.writeStringField("produced_by", f.producedBy());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** The error line of a note that could not be processed; {@code id} may be null when none could be read. */
    public static String error(String id, long lineNumber, String reason) {
        return write(g -> {
            if (id == null) {
                g.writeNullField("id");
            } else {
                g.writeStringField("id", id);
            }
            g.writeNumberField("line", lineNumber);
            g.writeStringField("error", reason);
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return out.toString();
    }
}
