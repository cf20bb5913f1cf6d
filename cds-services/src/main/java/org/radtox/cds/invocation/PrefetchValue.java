package org.radtox.cds.invocation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a CDS Client sent under one prefetch key. A key that is absent was not satisfied (RadTox may fetch it);
 * {@code null} means the client looked and found nothing.
 */
public sealed interface PrefetchValue {

    /** The key's value was {@code null}: known empty, nothing to fetch. */
    record KnownEmpty() implements PrefetchValue {
    }

    /** A FHIR resource: a searchset Bundle, a single resource, or (CDS Hooks 2.0) an OperationOutcome of a failed prefetch. */
    record Provided(JsonNode resource) implements PrefetchValue {
        public String resourceType() {
            return resource.path("resourceType").asText("");
        }
    }
}
