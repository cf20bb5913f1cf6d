package org.radtox.cds.cards;

import java.util.List;
import java.util.Map;

/**
 * The cards of one hook call, and what feedback on them will need.
 *
 * @param cards     for the CDS client
 * @param issued    the findings behind each card
 * @param noteTexts the text of every note a card quotes, by SHA-256
 * @param notesUnread notes left unread at the deadline (the cards miss what only they document)
 */
public record WrittenCards(List<Card> cards, List<IssuedCard> issued, Map<String, String> noteTexts, int notesUnread) {

    public WrittenCards {
        cards = List.copyOf(cards);
        issued = List.copyOf(issued);
        noteTexts = Map.copyOf(noteTexts);
    }
}
