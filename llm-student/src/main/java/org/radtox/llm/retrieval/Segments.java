package org.radtox.llm.retrieval;

import java.util.HashMap;
import java.util.Map;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;

import org.radtox.student.finding.Status;

/** A {@link GoldExample} as a langchain4j text segment with metadata, and back: the same for every store. */
final class Segments {

    private Segments() {
    }

    static TextSegment of(GoldExample e) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", e.id());
        m.put("symptom", e.symptom());
        m.put("status", e.status().code());
        if (e.grade() != null) {
            m.put("grade", e.grade());
        }
        m.put("rationale", e.rationale());
        return TextSegment.from(e.text(), Metadata.from(m));
    }

    static GoldExample example(TextSegment s) {
        Metadata m = s.metadata();
        return new GoldExample(m.getString("id"), s.text(), m.getString("symptom"), Status.ofCode(m.getString("status")),
                m.containsKey("grade") ? m.getInteger("grade") : null, m.getString("rationale"));
    }
}
