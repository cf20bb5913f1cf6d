package org.radtox.refinement.candidate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.radtox.student.assertion.ContextRules.Category;

/**
 * Edits as JSON, for the registry, exported versions and the remote teacher's structured answers:
 * <pre>
 * {"type": "lexicon", "symptom": "nocturia", "role": "mention", "phrase": "up \\d+x at night"}
 * {"type": "trigger", "category": "negated", "side": "before", "phrase": "never had"}
 * {"type": "pseudo", "phrase": "no change"}
 * {"type": "grade-cue", "symptom": "urinary_frequency", "grade": 2, "phrase": "started tamsulosin"}
 * </pre>
 * Reading is strict and names what is wrong: a teacher's answer in the wrong shape must never half-apply.
 */
public final class EditJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EditJson() {
    }

    public static ArrayNode write(List<Edit> edits) {
        ArrayNode out = JSON.createArrayNode();
        for (Edit e : edits) {
            ObjectNode o = out.addObject();
            if (e instanceof Edit.LexiconPhrase l) {
                o.put("type", "lexicon").put("symptom", l.symptom()).put("role", code(l.role()));
            } else if (e instanceof Edit.ContextTrigger t) {
                o.put("type", "trigger").put("category", code(t.category())).put("side", code(t.side()));
            } else if (e instanceof Edit.PseudoTrigger) {
                o.put("type", "pseudo");
            } else if (e instanceof Edit.GradeCuePhrase g) {
                o.put("type", "grade-cue").put("symptom", g.symptom()).put("grade", g.grade());
            }
            o.put("phrase", e.phrase());
        }
        return out;
    }

    private static String code(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static String text(List<Edit> edits) {
        return write(edits).toString();
    }

    public static List<Edit> read(String json) {
        try {
            return read(JSON.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidEditException("edits are not JSON: " + e.getOriginalMessage());
        }
    }

    public static List<Edit> read(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new InvalidEditException("edits must be a JSON array, not " + (array == null ? "nothing" : array.getNodeType()));
        }
        List<Edit> out = new ArrayList<>();
        int i = 0;
        for (JsonNode o : array) {
            out.add(readOne(o, "edit " + i++));
        }
        return out;
    }

    public static Edit readOne(JsonNode o, String where) {
        if (!o.isObject()) {
            throw new InvalidEditException(where + ": must be an object");
        }
        String type = field(o, "type", where);
        String phrase = field(o, "phrase", where);
        return switch (type) {
            case "lexicon" -> new Edit.LexiconPhrase(field(o, "symptom", where),
                    constant(Edit.LexiconRole.class, field(o, "role", where), where + " role"), phrase);
            case "trigger" -> new Edit.ContextTrigger(constant(Category.class, field(o, "category", where), where + " category"),
                    constant(Edit.Side.class, field(o, "side", where), where + " side"), phrase);
            case "pseudo" -> new Edit.PseudoTrigger(phrase);
            case "grade-cue" -> {
                JsonNode g = o.get("grade");
                if (g == null || !g.canConvertToInt() || !g.isIntegralNumber()) {
                    throw new InvalidEditException(where + ": grade-cue needs a whole-number 'grade'");
                }
                yield new Edit.GradeCuePhrase(field(o, "symptom", where), g.asInt(), phrase);
            }
            default -> throw new InvalidEditException(where + ": unknown type '" + type
                    + "' (lexicon, trigger, pseudo or grade-cue)");
        };
    }

    private static String field(JsonNode o, String name, String where) {
        JsonNode v = o.get(name);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new InvalidEditException(where + ": missing '" + name + "' (a non-empty string)");
        }
        return v.asText();
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String value, String where) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new InvalidEditException(where + ": '" + value + "' is not one of " + names);
        }
    }
}
