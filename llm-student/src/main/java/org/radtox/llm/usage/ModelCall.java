package org.radtox.llm.usage;

import java.time.Instant;

/**
 * One model call, or one note that fell back without a call, as the call ledger records it.
 *
 * @param student          the student version that made the call
 * @param noteId           the note (its id only, never its text)
 * @param part             the note part (0 for a note read whole)
 * @param backend          protocol and server, e.g. {@code ollama http://localhost:11434}
 * @param model            the model asked (the adapter's name when one is set)
 * @param outcome          {@code answered}, {@code repair} (the second call after an answer outside the schema),
 *                         {@code failed} (with the failure kind in {@code detail}) or {@code fallback}
 * @param promptTokens     as the server counted them; null when it did not say or no call was made
 * @param completionTokens as the server counted them; null when it did not say or no call was made
 * @param latencyMillis    wall time of the call, retries included
 * @param detail           a failure's kind and message, or the student fallen back to; empty otherwise
 */
public record ModelCall(Instant at, String student, String noteId, int part, String backend, String model, String outcome,
                        Integer promptTokens, Integer completionTokens, long latencyMillis, String detail) {
}
