package org.radtox.refinement.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.radtox.refinement.goldset.GoldNote;
import org.radtox.refinement.teacher.TeacherUsage;
import org.radtox.student.Student;
import org.radtox.student.UnreadableNoteException;
import org.radtox.student.finding.Finding;

/**
 * What a run cost and what reading notes costs, each figure labelled measured or computed:
 * <ul>
 * <li>teacher tokens and dollars: measured (as the model server reported them; the offline teacher uses none);</li>
 * <li>student time per note: measured, the chosen student reading every gold note on one thread after a warm-up;</li>
 * <li>student dollars per 1,000 notes: computed, that time at the price table's core-hour price;</li>
 * <li>GPT-4o dollars per 1,000 of the same notes: computed, tokens counted with the model's tokenizer for the
 *     prompt GPT-4o would need plus each note (input) and the student's own answer for that note (output),
 *     at the price table's list prices.</li>
 * </ul>
 */
public record CostLedger(String teacher, TeacherUsage teacherUsage, long runStudentNanos, long runNotesRead, int notes,
                         double studentMsPerNote, double studentDollarsPer1000, String gptModel, long gptInputTokens,
                         long gptOutputTokens, double gptDollarsPer1000, PriceTable prices) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** GPT-4o's cost divided by the student's, for the same notes. */
    public double ratio() {
        return gptDollarsPer1000 / studentDollarsPer1000;
    }

    public static CostLedger measure(String teacher, TeacherUsage usage, long runStudentNanos, long runNotesRead, Student student,
                                     List<GoldNote> notes, String gptModel, PriceTable prices) {
        PriceTable.ModelPrice gpt = prices.require(gptModel);
        TokenCounter tokens = new TokenCounter(gpt.encoding());
        String prompt = extractionPrompt();
        int promptTokens = tokens.count(prompt);
        long in = 0;
        long out = 0;
        for (GoldNote n : notes) {
            in += promptTokens + tokens.count(n.text());
            out += tokens.count(answer(student, n));
        }
        for (GoldNote n : notes) { // warm-up: the JIT, not the student, would otherwise be measured
            read(student, n);
        }
        long t0 = System.nanoTime();
        for (GoldNote n : notes) {
            read(student, n);
        }
        double msPerNote = (System.nanoTime() - t0) / 1e6 / notes.size();
        double studentPer1000 = msPerNote * 1000 / 3.6e6 * prices.studentCoreHour();
        double gptPer1000 = gpt.dollars(in, out) * 1000.0 / notes.size();
        return new CostLedger(teacher, usage, runStudentNanos, runNotesRead, notes.size(), msPerNote, studentPer1000, gptModel, in,
                out, gptPer1000, prices);
    }

    private static void read(Student student, GoldNote n) {
        try {
            student.extract(n.note());
        } catch (UnreadableNoteException ignored) {
            // a refused note costs what it cost
        }
    }

    /** The student's answer in the findings format: what GPT-4o would have had to write for the note. */
    static String answer(Student student, GoldNote n) {
        ObjectNode o = JSON.createObjectNode().put("id", n.id());
        ArrayNode findings = o.putArray("findings");
        try {
            for (Finding f : student.extract(n.note())) {
                ObjectNode x = findings.addObject().put("symptom", f.symptom()).put("status", f.status().name().toLowerCase(java.util.Locale.ROOT));
                x.put("grade", f.grade());
                x.putObject("evidence").put("text", f.evidence().text()).put("start", f.evidence().start()).put("end", f.evidence().end());
            }
        } catch (UnreadableNoteException ignored) {
            // an empty answer
        }
        return o.toString();
    }

    static String extractionPrompt() {
        try (InputStream in = CostLedger.class.getResourceAsStream("gpt4o-extraction-prompt.txt")) {
            if (in == null) {
                throw new IllegalStateException("gpt4o-extraction-prompt.txt is missing next to " + CostLedger.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
