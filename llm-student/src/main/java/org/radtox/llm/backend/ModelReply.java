package org.radtox.llm.backend;

/**
 * A model's answer with what it cost.
 *
 * @param promptTokens     tokens the server counted for the request, null when it did not say
 * @param completionTokens tokens of the answer, null when the server did not say
 * @param model            the model the server says answered (or the one asked)
 */
public record ModelReply(String text, Integer promptTokens, Integer completionTokens, String model, long latencyMillis) {
}
