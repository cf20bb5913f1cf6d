package org.radtox.llm.guard;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a model's answer into {@link ProposedFinding}s, or says precisely why it is not in the schema
 * (the reason goes back to the model in the one repair attempt, and to the operator if that fails too).
 * A Markdown code fence around the JSON is tolerated; prose around it is not.
 */
public final class AnswerParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What an answer turned out to be. */
    public sealed interface Parsed permits Usable, Unusable {
    }

    public record Usable(List<ProposedFinding> findings) implements Parsed {
    }

    public record Unusable(String reason) implements Parsed {
    }

    public Parsed parse(String answer) {
        if (answer == null || answer.isBlank()) {
            return new Unusable("the answer is empty");
        }
        String json = unfenced(answer.strip());
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            return new Unusable("the answer is not JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            return new Unusable("the answer is not a JSON object");
        }
        JsonNode items = root.get("findings");
        if (items == null || !items.isArray()) {
            return new Unusable("the answer has no \"findings\" array");
        }
        List<ProposedFinding> findings = new ArrayList<>();
        int i = 0;
        for (JsonNode item : items) {
            String where = "findings[" + i++ + "]";
            if (!item.isObject()) {
                return new Unusable(where + " is not an object");
            }
            String symptom = text(item, "symptom");
            String status = text(item, "status");
            String evidence = text(item, "evidence");
            if (symptom == null || status == null) {
                return new Unusable(where + " lacks \"symptom\" or \"status\"");
            }
            String s = status.toLowerCase(Locale.ROOT).replace(' ', '_');
            if (s.equals("not_mentioned")) {
                continue; // a model listing what the note does not say is saying nothing
            }
            if (!s.equals("present") && !s.equals("absent")) {
                return new Unusable(where + " has status \"" + status + "\", not \"present\" or \"absent\"");
            }
            if (evidence == null || evidence.isBlank()) {
                return new Unusable(where + " has no \"evidence\" quote");
            }
            JsonNode g = item.get("grade");
            Integer grade;
            if (g == null || g.isNull()) {
                grade = null;
            } else if (g.isIntegralNumber()) {
                grade = g.asInt();
            } else if (g.isTextual() && g.asText().strip().matches("[0-5]")) {
                grade = Integer.parseInt(g.asText().strip());
            } else {
                return new Unusable(where + " has grade " + g + ", not an integer or null");
            }
            findings.add(new ProposedFinding(symptom.strip(), s, grade, evidence));
        }
        return new Usable(findings);
    }

    private static String unfenced(String s) {
        if (s.startsWith("```")) {
            int firstNewline = s.indexOf('\n');
            int closing = s.lastIndexOf("```");
            if (firstNewline > 0 && closing > firstNewline) {
                return s.substring(firstNewline + 1, closing).strip();
            }
        }
        return s;
    }

    private static String text(JsonNode item, String field) {
        JsonNode v = item.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
