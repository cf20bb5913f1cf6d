package org.radtox.fhir.notetext;

import java.util.Optional;

import org.hl7.fhir.r4.model.Binary;

/**
 * Finds the {@link Binary} an {@code attachment.url} points at. The server answers for its own
 * resources ({@code Binary/123}, or an absolute URL on its own base) and returns empty for anything
 * else: RadTox never fetches a note from a remote address.
 */
@FunctionalInterface
public interface BinaryResolver {

    /** A resolver that knows no Binary: for notes that carry their text inline. */
    BinaryResolver NONE = url -> Optional.empty();

    Optional<Binary> resolve(String url);
}
