package org.radtox.cds.feedback;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.radtox.cds.cards.IssuedCard;
import org.radtox.cds.cards.OverrideReasons;
import org.radtox.student.Student;
import org.radtox.student.finding.Finding;
import org.radtox.student.finding.Status;
import org.radtox.student.note.Note;
import org.radtox.student.symptoms.SymptomSet;

/**
 * Clinician feedback as candidate gold-set lines (FORMATS.md "Gold sets"), one per quoted note, for reviewers
 * who turn them into gold: the note text, a label for every symptom key, and what the clinicians said.
 *
 * <p>A toxicity a clinician acted on gets the clinician's label: an accepted suggestion confirms the finding;
 * an override says "not present" (not mentioned, grade null), "wrong grade" (present, grade null: the reviewer
 * grades it), "not treatment related" or "already addressed" (the finding stands). Every other symptom gets the
 * student's reading and is listed as not reviewed. Later feedback on the same note wins.
 *
 * <p>The lines carry the note's real text: {@code "deidentified": false} says so, and a gold set takes them
 * only after de-identification (its ATTESTATION.md).
 */
public final class GoldCandidates {

    public static final String ORIGIN = "clinician-feedback";

    private final ObjectMapper json;
    private final Student student;
    private final SymptomSet symptoms;

    public GoldCandidates(ObjectMapper json, Student student, SymptomSet symptoms) {
        this.json = json;
        this.student = student;
        this.symptoms = symptoms;
    }

    /** One line per note quoted by a card that got feedback, oldest first. */
    public List<ObjectNode> lines(List<FeedbackRecord> records, FeedbackStore store) throws SQLException {
        List<FeedbackRecord> chronological = new ArrayList<>(records);
        chronological.sort(Comparator.comparing((FeedbackRecord r) -> r.feedback().outcomeTimestamp()).thenComparingLong(FeedbackRecord::id));
        Map<String, Candidate> byNote = new LinkedHashMap<>();
        for (FeedbackRecord r : chronological) {
            for (IssuedCard.Finding f : r.findings()) {
                Candidate c = byNote.computeIfAbsent(f.noteSha256(), Candidate::new);
                c.decide(f, r);
            }
        }
        List<ObjectNode> lines = new ArrayList<>();
        for (Candidate c : byNote.values()) {
            Optional<String> text = store.noteText(c.sha256);
            if (text.isPresent()) {
                lines.add(c.line(text.get()));
            }
        }
        return lines;
    }

    private final class Candidate {
        final String sha256;
        final Map<String, ObjectNode> reviewed = new LinkedHashMap<>();
        final ArrayNode feedback = json.createArrayNode();
        final Set<Long> feedbackSeen = new HashSet<>();
        String noteReference;
        String studentAtCard;

        Candidate(String sha256) {
            this.sha256 = sha256;
        }

        void decide(IssuedCard.Finding f, FeedbackRecord r) {
            noteReference = f.noteReference();
            studentAtCard = r.studentVersion();
            Feedback fb = r.feedback();
            boolean accepted = fb.outcome() == Feedback.Outcome.ACCEPTED && f.suggestionUuid() != null
                    && fb.acceptedSuggestions().contains(f.suggestionUuid());
            String reason = fb.overrideReason() == null ? null : fb.overrideReason().code();
            boolean ourReason = fb.overrideReason() != null && OverrideReasons.system().equals(fb.overrideReason().system());
            ObjectNode label = null;
            if (accepted) {
                label = label(f.status(), f.grade());
            } else if (fb.outcome() == Feedback.Outcome.OVERRIDDEN && ourReason && reason != null) {
                label = switch (reason) {
                    case OverrideReasons.NOT_PRESENT -> label("not_mentioned", null);
                    case OverrideReasons.WRONG_GRADE -> label("present", null);
                    case OverrideReasons.NOT_TREATMENT_RELATED, OverrideReasons.ALREADY_ADDRESSED -> label(f.status(), f.grade());
                    default -> null;
                };
            }
            if (label != null) {
                label.put("student", f.status().equals("absent") ? "absent" : "grade " + (f.grade() == null ? "not stated" : f.grade()));
                label.put("clinician", accepted ? "accepted" : "overridden: " + reason);
                reviewed.put(f.symptom(), label);
            }
            if (feedbackSeen.add(r.id())) {
                ObjectNode e = feedback.addObject();
                e.put("card", fb.card());
                e.put("outcome", fb.outcome().code());
                e.put("outcomeTimestamp", fb.outcomeTimestamp().toString());
                if (fb.overrideReason() != null) {
                    e.put("overrideReason", fb.overrideReason().code());
                    e.put("userComment", fb.overrideReason().userComment());
                }
            }
        }

        private ObjectNode label(String status, Integer grade) {
            ObjectNode l = json.createObjectNode();
            l.put("status", status);
            if (grade == null) {
                l.putNull("grade");
            } else {
                l.put("grade", grade);
            }
            return l;
        }

        ObjectNode line(String text) {
            Map<String, Finding> read = new LinkedHashMap<>();
            for (Finding f : student.extract(new Note(sha256, text))) {
                read.put(f.symptom(), f);
            }
            ObjectNode line = json.createObjectNode();
            line.put("id", "cds-" + sha256.substring(0, 16));
            line.put("text", text);
            ObjectNode labels = line.putObject("labels");
            ArrayNode notReviewed = json.createArrayNode();
            for (String key : symptoms.keys()) {
                ObjectNode clinician = reviewed.get(key);
                if (clinician != null) {
                    ObjectNode l = labels.putObject(key);
                    l.set("status", clinician.get("status"));
                    l.set("grade", clinician.get("grade"));
                    continue;
                }
                notReviewed.add(key);
                Finding f = read.get(key);
                ObjectNode l = labels.putObject(key);
                if (f == null) {
                    l.put("status", "not_mentioned");
                    l.putNull("grade");
                } else {
                    l.put("status", f.status().code());
                    if (f.grade() == null) {
                        l.putNull("grade");
                    } else {
                        l.put("grade", f.status() == Status.ABSENT ? 0 : f.grade());
                    }
                }
            }
            line.put("origin", ORIGIN);
            line.put("deidentified", false);
            line.put("note", noteReference);
            line.put("cardStudent", studentAtCard);
            line.put("labelStudent", student.version());
            ObjectNode review = line.putObject("reviewed");
            reviewed.forEach(review::set);
            line.set("notReviewed", notReviewed);
            line.set("feedback", feedback);
            return line;
        }
    }
}
