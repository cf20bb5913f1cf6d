package org.radtox.cds.invocation;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One hook call, as CDS Hooks 2.0 "Calling a CDS Service" defines its body.
 *
 * @param hook              the hook that fired
 * @param hookInstance      the call's unique id
 * @param fhirServer        the EHR's FHIR base, {@code null} when not given
 * @param fhirAuthorization a token for {@code fhirServer}, {@code null} when not given
 * @param context           the hook context
 * @param prefetch          what the client prefetched, by key; absent keys were not satisfied
 */
public record CdsRequest(String hook, String hookInstance, URI fhirServer, FhirAuthorization fhirAuthorization,
                         HookContext context, Map<String, PrefetchValue> prefetch) {

    public CdsRequest {
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(hookInstance, "hookInstance");
        Objects.requireNonNull(context, "context");
        prefetch = Collections.unmodifiableMap(new LinkedHashMap<>(prefetch));
    }

    /** Whether RadTox may read the EHR's FHIR server itself. */
    public boolean canFetch() {
        return fhirServer != null && fhirAuthorization != null;
    }

    public Optional<PrefetchValue> prefetched(String key) {
        return Optional.ofNullable(prefetch.get(key));
    }
}
