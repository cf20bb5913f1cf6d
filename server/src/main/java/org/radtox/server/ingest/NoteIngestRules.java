package org.radtox.server.ingest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DocumentReference;

/**
 * What a note must be before RadTox stores it, checked before storage so that the client hears it at once
 * as an OperationOutcome (422, or 413 for an attachment over the limit) and nothing is stored: a note
 * must say whose it is and carry some content. In a transaction Bundle one refused note refuses the
 * whole Bundle (FHIR's all-or-nothing); in a batch the other entries go through. Notes whose content
 * turns out unreadable later (a scanned PDF, an unknown format) are stored; their job fails with a reason.
 */
@Interceptor
public final class NoteIngestRules {

    private final long maxAttachmentBytes;

    public NoteIngestRules(long maxAttachmentBytes) {
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void creating(IBaseResource resource) {
        check(resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updating(IBaseResource previous, IBaseResource resource) {
        check(resource);
    }

    private void check(IBaseResource resource) {
        if (resource instanceof Binary binary) {
            // A note's text may live in a Binary its attachment points at: the same limit holds there, and
            // it is better said to the client storing it than found by a worker later.
            checkSize(binary.getData(), "a Binary");
            return;
        }
        if (!(resource instanceof DocumentReference note)) {
            return;
        }
        if (!note.hasSubject() || !note.getSubject().hasReference() && !note.getSubject().hasIdentifier()) {
            throw new UnprocessableEntityException("RadTox: a DocumentReference needs a subject (the patient): its "
                    + "toxicity Observations must say whose they are");
        }
        if (!note.hasContent()) {
            throw new UnprocessableEntityException("RadTox: a DocumentReference needs content: an attachment with the note's "
                    + "text (inline data or a url to a Binary)");
        }
        for (DocumentReference.DocumentReferenceContentComponent c : note.getContent()) {
            checkSize(c.getAttachment().getData(), "an attachment");
        }
    }

    private void checkSize(byte[] data, String what) {
        if (data != null && data.length > maxAttachmentBytes) {
            throw new PayloadTooLargeException("RadTox: " + what + " of " + data.length + " bytes is over the limit of "
                    + maxAttachmentBytes + " bytes for one note");
        }
    }
}
