package org.radtox.refinement.cost;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/** Counts tokens the way the model's tokenizer does (jtokkit: OpenAI's BPE encodings, offline). */
public final class TokenCounter {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final Encoding encoding;

    public TokenCounter(String encodingName) {
        this.encoding = REGISTRY.getEncoding(EncodingType.fromName(encodingName).orElseThrow(
                () -> new IllegalArgumentException("unknown tokenizer encoding '" + encodingName + "'")));
    }

    public int count(String text) {
        return encoding.countTokensOrdinary(text);
    }
}
