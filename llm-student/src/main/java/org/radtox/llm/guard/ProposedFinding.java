package org.radtox.llm.guard;

/**
 * One finding as the model proposed it, before any check: nothing here is trusted yet.
 *
 * @param status   {@code present} or {@code absent}
 * @param grade    as the model gave it, may be null
 * @param evidence the words the model says it quotes from the note
 */
public record ProposedFinding(String symptom, String status, Integer grade, String evidence) {
}
