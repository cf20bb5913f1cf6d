package org.radtox.server.dashboard.api;

import java.util.Optional;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;

import org.radtox.fhir.notetext.BinaryResolver;
import org.radtox.fhir.notetext.NoteTextExtractor;
import org.radtox.fhir.notetext.UnreadableNoteTextException;

/**
 * The text of a stored note version, read the way extraction read it (same extractor), so the evidence
 * offsets of its findings point at the same characters.
 */
public final class NoteTexts {

    /** A note version's text and what the page shows beside it. */
    public record NoteVersion(String noteId, long version, String patientId, String date, String status, String text) {
    }

    private final DaoRegistry daos;
    private final NoteTextExtractor extractor = NoteTextExtractor.builder().build();

    public NoteTexts(DaoRegistry daos) {
        this.daos = daos;
    }

    /** The note version, or empty when the store has no such note or version. */
    public Optional<NoteVersion> read(String noteId, long version) {
        SystemRequestDetails request = new SystemRequestDetails();
        DocumentReference note;
        try {
            note = daos.getResourceDao(DocumentReference.class).read(new IdType("DocumentReference", noteId, Long.toString(version)), request);
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
        String text;
        try {
            text = extractor.extract(note, binaries(request)).text();
        } catch (UnreadableNoteTextException e) {
            text = null;
        }
        return Optional.of(new NoteVersion(noteId, version, note.getSubject().hasReference()
                ? new IdType(note.getSubject().getReference()).getIdPart() : null,
                note.hasDate() ? note.getDateElement().getValueAsString() : null,
                note.hasStatus() ? note.getStatus().toCode() : null, text));
    }

    private BinaryResolver binaries(SystemRequestDetails request) {
        return url -> {
            try {
                IdType id = new IdType(url);
                return "Binary".equals(id.getResourceType())
                        ? Optional.of(daos.getResourceDao(Binary.class).read(id.toUnqualifiedVersionless(), request)) : Optional.empty();
            } catch (ResourceNotFoundException | ResourceGoneException | IllegalArgumentException e) {
                return Optional.empty();
            }
        };
    }
}
