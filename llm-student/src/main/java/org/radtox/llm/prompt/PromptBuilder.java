package org.radtox.llm.prompt;

import java.util.List;
import java.util.stream.Collectors;

import org.radtox.llm.retrieval.GoldExample;
import org.radtox.student.symptoms.Symptom;
import org.radtox.student.symptoms.SymptomSet;
import org.radtox.student.version.StudentVersion;

/**
 * Renders a {@link PromptTemplate} for one symptom set: the system message once (definitions, grade
 * criteria, guidance, schema), the user message per note part. The note goes between markers that
 * carry a digest of the text itself, so no note can contain its own closing marker and end the data early.
 */
public final class PromptBuilder {

    private final PromptTemplate template;
    private final String system;

    public PromptBuilder(PromptTemplate template, SymptomSet symptoms) {
        if (!template.symptomSet().equals(symptoms.id())) {
            throw new IllegalArgumentException("prompt " + template.version() + " is for symptom set '"
                    + template.symptomSet() + "', not '" + symptoms.id() + "'");
        }
        this.template = template;
        this.system = template.system()
                .replace("{{symptoms}}", symptomList(symptoms))
                .replace("{{guidance}}", guidance(template, symptoms))
                .replace("{{schema}}", template.schema().strip());
    }

    public String version() {
        return template.version();
    }

    public PromptTemplate template() {
        return template;
    }

    /** The markers around one note text. */
    public record Markers(String open, String close) {
        static Markers of(String noteText) {
            String nonce = StudentVersion.sha256(noteText).substring(0, 16);
            return new Markers("<<<NOTE " + nonce + ">>>", "<<<END OF NOTE " + nonce + ">>>");
        }
    }

    /** The system message: the same for every note, so model servers can reuse its cached prefix. */
    public String system() {
        return system;
    }

    /** The user message: the few-shot examples, then the note between its markers. */
    public String user(String noteText, List<GoldExample> examples) {
        Markers m = Markers.of(noteText);
        String shots = examples.isEmpty() ? "" : template.examples().replace("{{items}}",
                examples.stream().map(PromptBuilder::example).collect(Collectors.joining("\n")));
        return template.user().replace("{{examples}}", shots).replace("{{note-open}}", m.open())
                .replace("{{note-close}}", m.close()).replace("{{note}}", noteText);
    }

    /** The follow-up that asks once more for an answer in the schema. */
    public String repair(String reason) {
        return template.repair().replace("{{reason}}", reason).strip();
    }

    private static String example(GoldExample e) {
        String grade = e.grade() == null ? "not gradable" : "grade " + e.grade();
        return "- \"" + e.text().replace('\n', ' ').strip() + "\" -> " + e.symptom() + ": " + e.status().code() + ", "
                + grade + (e.rationale().isBlank() ? "" : ". " + e.rationale());
    }

    private static String symptomList(SymptomSet symptoms) {
        StringBuilder b = new StringBuilder();
        for (Symptom s : symptoms.symptoms()) {
            b.append("- ").append(s.key()).append(": ").append(s.term().name());
            if (!s.term().definition().isBlank()) {
                b.append("; ").append(s.term().definition().strip());
            }
            b.append('\n');
            for (int g : s.grades()) {
                b.append("    grade ").append(g).append(": ")
                        .append(s.term().criteria(g).orElse("").replaceAll("\\s+", " ").strip()).append('\n');
            }
        }
        return b.toString().stripTrailing();
    }

    private static String guidance(PromptTemplate template, SymptomSet symptoms) {
        return symptoms.symptoms().stream().filter(s -> template.guidance().containsKey(s.key()))
                .map(s -> "- " + s.key() + ": " + template.guidance().get(s.key()))
                .collect(Collectors.joining("\n"));
    }
}
