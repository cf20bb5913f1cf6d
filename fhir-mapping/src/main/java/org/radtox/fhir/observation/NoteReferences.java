package org.radtox.fhir.observation;

import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * The reference to the exact version of a note that findings were read from. Versioned, because a note
 * is updated (addenda, corrections) and an Observation must keep pointing at the words it quotes.
 */
final class NoteReferences {

    private NoteReferences() {
    }

    /**
     * {@code DocumentReference/{id}/_history/{versionId}}, from the note's id (as HAPI sets it when it
     * stores or reads the note), or from {@code meta.versionId} when the id carries no version.
     *
     * @throws IllegalArgumentException when the note has no id or no version: it has not been stored yet
     */
    static Reference versioned(DocumentReference note) {
        IdType id = note.getIdElement();
        if (id == null || !id.hasIdPart()) {
            throw new IllegalArgumentException("the DocumentReference has no id: store the note before mapping its"
                    + " findings, so that the Observations can point at it");
        }
        String version = id.hasVersionIdPart() ? id.getVersionIdPart() : note.getMeta().getVersionId();
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("DocumentReference/" + id.getIdPart() + " has no version id: the"
                    + " Observations must point at the exact note version they quote (store the note first)");
        }
        return new Reference("DocumentReference/" + id.getIdPart() + "/_history/" + version);
    }
}
