package org.radtox.student.grading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.radtox.student.data.BundledJson;
import org.radtox.student.mention.PhrasePatterns;

/**
 * The grade cues of each symptom ({@code <symptom-set>.grading.json}): what a present finding is graded
 * when nothing points higher ({@code default}), and the cues that point at higher grades.
 */
public final class GradingRules {

    /** One symptom's grading: its default grade and its cues. */
    public record SymptomGrading(int defaultGrade, List<GradeCue> cues) {
    }

    private final String version;
    private final Map<String, SymptomGrading> bySymptom;
    private final List<Pattern> statedGrades;
    private final Map<String, List<String>> gradeFloors;

    private GradingRules(String version, Map<String, SymptomGrading> bySymptom, List<Pattern> statedGrades,
                         Map<String, List<String>> gradeFloors) {
        this.version = version;
        this.bySymptom = bySymptom;
        this.statedGrades = statedGrades;
        this.gradeFloors = gradeFloors;
    }

    public static GradingRules bundled(String symptomSetId) {
        return read(BundledJson.read(GradingRules.class, symptomSetId + ".grading.json",
                "grading rules for symptom set '" + symptomSetId + "'"));
    }

    public static GradingRules read(JsonNode root) {
        Map<String, SymptomGrading> map = new LinkedHashMap<>();
        var it = root.path("symptoms").fields();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode s = e.getValue();
            List<GradeCue> cues = new ArrayList<>();
            for (JsonNode cue : s.path("cues")) {
                cues.add(new GradeCue.Phrase(cue.path("grade").asInt(), PhrasePatterns.compile(cue.path("phrases"))));
            }
            if (s.has("stoolsOverBaseline")) {
                cues.add(new GradeCue.StoolsOverBaseline(s.path("stoolsOverBaseline").path("assumedBaseline").asInt(1)));
            }
            map.put(e.getKey(), new SymptomGrading(s.path("default").asInt(1), List.copyOf(cues)));
        }
        List<Pattern> stated = new ArrayList<>();
        for (JsonNode p : root.path("statedGrade")) {
            stated.add(Pattern.compile(p.asText(), Pattern.CASE_INSENSITIVE));
        }
        Map<String, List<String>> floors = new LinkedHashMap<>();
        var f = root.path("gradeFloors").fields();
        while (f.hasNext()) {
            var e = f.next();
            List<String> others = new ArrayList<>();
            e.getValue().forEach(o -> others.add(o.asText()));
            floors.put(e.getKey(), List.copyOf(others));
        }
        return new GradingRules(root.path("version").asText("unversioned"), map, List.copyOf(stated), floors);
    }

    public String version() {
        return version;
    }

    /**
     * How clinicians write a grade they assigned ("CTCAE G2", "grade 3", "Proctitis ...... 2"); each
     * pattern has a group named {@code grade}. A stated grade belongs to the nearest symptom mention.
     */
    public List<Pattern> statedGrades() {
        return statedGrades;
    }

    /** The symptoms whose present grade is a floor for this one's (CTCAE cystitis is graded by its hematuria). */
    public List<String> gradeFloors(String symptom) {
        return gradeFloors.getOrDefault(symptom, List.of());
    }

    public SymptomGrading of(String symptom) {
        return bySymptom.getOrDefault(symptom, new SymptomGrading(1, List.of()));
    }
}
