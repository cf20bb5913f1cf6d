package org.radtox.fhir.observation;

import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * A generated narrative: what an EHR shows when it does not understand the coded content, and what
 * FHIR's best practice (dom-6) asks every resource to carry.
 */
final class Narratives {

    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    private Narratives() {
    }

    /**
     * One XHTML paragraph per line. The nodes are built directly rather than parsed from a string: the
     * XHTML parser sets up its entity table anew for every parse, which cost the server about 5% of its CPU
     * per extracted note; the serializer escapes the text ({@code <}, {@code &} in a note's quote).
     */
    static Narrative generated(String... paragraphs) {
        XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
        div.setAttribute("xmlns", XHTML);
        for (String p : paragraphs) {
            div.addTag("p").addText(withoutControlCharacters(p));
        }
        Narrative n = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        n.setDiv(div);
        return n;
    }

    /** XML 1.0 has no place for most control characters; a note's stray ones become spaces. */
    private static String withoutControlCharacters(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
        }
        return out.toString();
    }
}
