package org.radtox.llm.version;

import java.util.LinkedHashMap;
import java.util.Map;

import org.radtox.llm.ensemble.EnsembleMode;
import org.radtox.student.version.StudentVersion;

/** An ensemble version: the mode, the LLM student version and the embedded student version it combines. */
public record EnsembleSpec(EnsembleMode mode, String llm, String embedded) {

    public static final String KIND = "ensemble";

    public StudentVersion toVersion() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("mode", mode.code());
        p.put("llm", llm);
        p.put("embedded", embedded);
        return StudentVersion.contentAddressed(KIND, p);
    }

    public static EnsembleSpec of(StudentVersion v) {
        String mode = v.parts().get("mode");
        String llm = v.parts().get("llm");
        String embedded = v.parts().get("embedded");
        if (mode == null || llm == null || embedded == null) {
            throw new IllegalArgumentException("ensemble version " + v.id() + " needs parts mode, llm and embedded");
        }
        return new EnsembleSpec(EnsembleMode.ofCode(mode), llm, embedded);
    }
}
