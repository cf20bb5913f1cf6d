package org.radtox.cds.cards;

import java.util.List;

/**
 * A card as RadTox remembers it for feedback: which findings it showed, from which note version and text, and
 * which suggestion would record each.
 *
 * @param uuid      the card's {@code uuid}, which feedback names
 * @param indicator info, warning or critical
 * @param summary   the summary shown
 * @param findings  the toxicities on the card
 */
public record IssuedCard(String uuid, String indicator, String summary, List<Finding> findings) {

    public IssuedCard {
        findings = List.copyOf(findings);
    }

    /**
     * One toxicity on a card.
     *
     * @param suggestionUuid the suggestion that records it, {@code null} when none was offered
     * @param symptom        the symptom key
     * @param status         {@code present} or {@code absent} (resolved)
     * @param grade          CTCAE grade, 0 for absent, {@code null} when not stated
     * @param trend          new, worsening, improving, persistent or resolved
     * @param noteReference  the note it was read in
     * @param noteDate       the note's date as written, may be {@code null}
     * @param noteSha256     the SHA-256 of the note's text
     * @param quote          the evidence
     * @param quoteStart     its offset in the text
     * @param quoteEnd       its end offset
     */
    public record Finding(String suggestionUuid, String symptom, String status, Integer grade, String trend,
                          String noteReference, String noteDate, String noteSha256, String quote, int quoteStart, int quoteEnd) {
    }
}
