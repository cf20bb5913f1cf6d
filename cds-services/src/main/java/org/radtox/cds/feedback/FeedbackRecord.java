package org.radtox.cds.feedback;

import java.time.Instant;
import java.util.List;

import org.radtox.cds.cards.IssuedCard;

/**
 * One feedback entry with what it is about: for reviewers, and for the export of candidate gold labels.
 *
 * @param id             the row id
 * @param serviceId      the service whose card it was
 * @param feedback       the entry as received
 * @param receivedAt     when RadTox received it
 * @param patientId      the card's patient; {@code null} when RadTox does not know the card
 * @param studentVersion the student version that produced the card's findings; {@code null} likewise
 * @param indicator      the card's indicator; {@code null} likewise
 * @param summary        the card's summary; {@code null} likewise
 * @param hookInstance   the hook call the card answered; {@code null} likewise
 * @param findings       the toxicities on the card
 */
public record FeedbackRecord(long id, String serviceId, Feedback feedback, Instant receivedAt, String patientId,
                             String studentVersion, String indicator, String summary, String hookInstance,
                             List<IssuedCard.Finding> findings) {

    public FeedbackRecord {
        findings = List.copyOf(findings);
    }

    public boolean cardKnown() {
        return studentVersion != null;
    }

    FeedbackRecord withFindings(List<IssuedCard.Finding> f) {
        return new FeedbackRecord(id, serviceId, feedback, receivedAt, patientId, studentVersion, indicator, summary,
                hookInstance, f);
    }
}
