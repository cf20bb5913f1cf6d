package org.radtox.fhir.observation;

import org.hl7.fhir.r4.model.Narrative;

/**
 * A generated narrative: what an EHR shows when it does not understand the coded content, and what
 * FHIR's best practice (dom-6) asks every resource to carry.
 */
final class Narratives {

    private Narratives() {
    }

    /** One XHTML paragraph per line, text escaped (a quote from a note may hold {@code <} or {@code &}). */
    static Narrative generated(String... paragraphs) {
        StringBuilder div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        for (String p : paragraphs) {
            div.append("<p>").append(escape(p)).append("</p>");
        }
        Narrative n = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        n.setDivAsString(div.append("</div>").toString());
        return n;
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    // XML 1.0 has no place for most control characters; a note's stray ones become spaces.
                    out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
                }
            }
        }
        return out.toString();
    }
}
