package org.radtox.llm.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Model answers in RadTox's schema, written the way a model would write them. */
public final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Item(String symptom, String status, Integer grade, String evidence) {
    }

    private Answers() {
    }

    public static Item present(String symptom, Integer grade, String evidence) {
        return new Item(symptom, "present", grade, evidence);
    }

    public static Item absent(String symptom, String evidence) {
        return new Item(symptom, "absent", 0, evidence);
    }

    public static String findings(Item... items) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("findings");
        for (Item i : items) {
            ObjectNode n = list.addObject();
            n.put("symptom", i.symptom());
            n.put("status", i.status());
            if (i.grade() == null) {
                n.putNull("grade");
            } else {
                n.put("grade", i.grade());
            }
            n.put("evidence", i.evidence());
        }
        return root.toString();
    }
}
