package org.radtox.llm.retrieval;

import java.util.List;

/**
 * Finds the gold examples most like a note, to fill the prompt's few-shot slots. The query is the start of
 * the note text, cut at {@code maxQueryChars}: embedding costs grow with the text, and the opening of a
 * note part already says what it is about.
 */
public final class ExampleRetriever {

    private final Embedder embedder;
    private final ExampleIndex index;
    private final int k;
    private final int maxQueryChars;

    public ExampleRetriever(Embedder embedder, ExampleIndex index, int k, int maxQueryChars) {
        if (k < 1) {
            throw new IllegalArgumentException("retrieval needs k >= 1, not " + k);
        }
        this.embedder = embedder;
        this.index = index;
        this.k = k;
        this.maxQueryChars = maxQueryChars;
    }

    public String indexVersion() {
        return index.version();
    }

    public List<GoldExample> examplesFor(String noteText) {
        String query = noteText.length() <= maxQueryChars ? noteText : noteText.substring(0, maxQueryChars);
        return index.nearest(embedder.embed(query), k);
    }
}
