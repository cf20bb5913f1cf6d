package org.radtox.cds.discovery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One CDS Service as discovery announces it (CDS Hooks 2.0 "Discovery"): a service answers exactly one hook.
 *
 * @param id          the {@code {id}} of {@code {baseUrl}/cds-services/{id}}
 * @param hook        the hook it answers
 * @param title       human-friendly name
 * @param description what it does
 * @param prefetch    prefetch key to FHIR query template, in a stable order
 */
public record ServiceDefinition(String id, Hook hook, String title, String description, Map<String, String> prefetch) {

    public ServiceDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hook, "hook");
        prefetch = Collections.unmodifiableMap(new LinkedHashMap<>(prefetch));
    }
}
