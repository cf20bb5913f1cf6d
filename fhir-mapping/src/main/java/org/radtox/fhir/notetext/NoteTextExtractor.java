package org.radtox.fhir.notetext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DocumentReference;
import org.radtox.fhir.notetext.UnreadableNoteTextException.Problem;

/**
 * Reads the text of a note out of a {@link DocumentReference}. Of its {@code content} entries the most
 * readable wins: text/plain, then text/html, then RTF, then PDF (document order among equals). When the
 * preferred entry cannot be read (its Binary is missing, it is too large, ...) the next one is tried, so
 * that a note sent both as plain text and as PDF is still read; only when none can be read does it
 * fail, with the reason of the preferred entry first (of an oversized one before that: an entry whose
 * declared size is over the limit is refused before its Binary is loaded, whatever its type).
 *
 * <p>Thread-safe and stateless apart from its limit.
 */
public final class NoteTextExtractor {

    /** 5 MB: far above any text note, enough for a PDF note of a few pages. */
    public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 5L * 1024 * 1024;

    private final long maxAttachmentBytes;

    private NoteTextExtractor(Builder b) {
        this.maxAttachmentBytes = b.maxAttachmentBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    public long maxAttachmentBytes() {
        return maxAttachmentBytes;
    }

    /**
     * @param binaries resolves {@code attachment.url}; {@link BinaryResolver#NONE} when only inline data is allowed
     * @throws UnreadableNoteTextException when no content entry can be read; the message is the reason
     */
    public NoteText extract(DocumentReference doc, BinaryResolver binaries) {
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(binaries, "binaries");
        if (doc.getContent().isEmpty()) {
            throw new UnreadableNoteTextException(Problem.NO_CONTENT,
                    "DocumentReference has no content: there is no attachment to read the note from");
        }
        List<Entry> readable = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        List<UnreadableNoteTextException> failures = new ArrayList<>();
        for (int i = 0; i < doc.getContent().size(); i++) {
            Entry entry = new Entry(i, doc.getContent().get(i).getAttachment(), binaries);
            Attachment a = entry.attachment;
            // A declared size lets an oversized note be refused before its Binary is even loaded.
            if (!a.hasData() && a.hasUrl() && a.hasSize() && a.getSize() > maxAttachmentBytes) {
                failures.add(tooLarge(entry, a.getSize()));
                continue;
            }
            Optional<ContentType> type = entry.declaredType();
            Optional<NoteFormat> format = type.flatMap(NoteFormat::of);
            if (format.isPresent()) {
                entry.format = format.get();
                readable.add(entry);
            } else {
                unreadable.add(entry.label() + (type.isPresent() ? " is " + type.get().declared() : " has no contentType"));
            }
        }
        if (readable.isEmpty() && !failures.isEmpty()) {
            throw combined(failures);
        }
        if (readable.isEmpty()) {
            throw new UnreadableNoteTextException(Problem.UNSUPPORTED_CONTENT_TYPE, "no content entry has a type"
                    + " RadTox can read (" + String.join("; ", unreadable) + "); supported: " + NoteFormat.supported());
        }
        readable.sort(Comparator.comparing((Entry e) -> e.format).thenComparingInt(e -> e.index));
        for (Entry entry : readable) {
            try {
                return read(entry);
            } catch (UnreadableNoteTextException e) {
                failures.add(e);
            }
        }
        throw combined(failures);
    }

    private NoteText read(Entry entry) {
        Attachment a = entry.attachment;
        byte[] bytes;
        if (a.hasData()) {
            // HAPI decodes base64 when it parses the resource and refuses invalid base64 there (HAPI-1821).
            bytes = a.getData();
        } else if (a.hasUrl()) {
            Binary binary = entry.binary().orElseThrow(() -> new UnreadableNoteTextException(Problem.UNRESOLVED_URL,
                    entry.label() + ": attachment url '" + a.getUrl() + "' does not resolve to a Binary on this server"));
            if (!binary.hasData()) {
                throw new UnreadableNoteTextException(Problem.UNRESOLVED_URL,
                        entry.label() + ": Binary '" + a.getUrl() + "' has no data");
            }
            bytes = binary.getData();
        } else {
            throw new UnreadableNoteTextException(Problem.NO_CONTENT,
                    entry.label() + ": attachment has neither data nor url");
        }
        if (bytes.length > maxAttachmentBytes) {
            throw tooLarge(entry, bytes.length);
        }
        ContentType type = entry.readingType();
        String text = readAs(entry, bytes, type);
        if (text.isBlank()) {
            throw new UnreadableNoteTextException(Problem.EMPTY_TEXT,
                    entry.label() + " (" + type.declared() + ") is empty: the note has no text");
        }
        return new NoteText(text, type.declared(), entry.index);
    }

    private static String readAs(Entry entry, byte[] bytes, ContentType type) {
        try {
            return entry.format.read(bytes, type);
        } catch (UnreadableNoteTextException e) {
            throw new UnreadableNoteTextException(e.problem(), entry.label() + " (" + type.declared() + "): " + e.getMessage());
        }
    }

    private UnreadableNoteTextException tooLarge(Entry entry, long bytes) {
        return new UnreadableNoteTextException(Problem.TOO_LARGE, entry.label() + ": attachment is " + bytes
                + " bytes, over the limit of " + maxAttachmentBytes + " bytes");
    }

    /**
     * The first failure's problem and reason (an oversized entry, else the preferred one), then what the
     * others said.
     */
    private static UnreadableNoteTextException combined(List<UnreadableNoteTextException> failures) {
        UnreadableNoteTextException first = failures.get(0);
        if (failures.size() == 1) {
            return first;
        }
        StringBuilder reason = new StringBuilder(first.getMessage());
        for (int i = 1; i < failures.size(); i++) {
            reason.append("; also tried ").append(failures.get(i).getMessage());
        }
        return new UnreadableNoteTextException(first.problem(), reason.toString());
    }

    /** One content entry, with its Binary resolved at most once. */
    private static final class Entry {
        final int index;
        final Attachment attachment;
        private final BinaryResolver binaries;
        private Optional<Binary> binary;
        NoteFormat format;

        Entry(int index, Attachment attachment, BinaryResolver binaries) {
            this.index = index;
            this.attachment = attachment;
            this.binaries = binaries;
        }

        String label() {
            return "content[" + index + "]";
        }

        Optional<Binary> binary() {
            if (binary == null) {
                binary = attachment.hasUrl() ? binaries.resolve(attachment.getUrl()) : Optional.empty();
            }
            return binary;
        }

        /**
         * What the entry says it is, for choosing among entries: the attachment's content type, or when it
         * has none the Binary's (the only case where choosing loads a Binary).
         */
        Optional<ContentType> declaredType() {
            if (attachment.hasContentType()) {
                return Optional.of(ContentType.parse(attachment.getContentType()));
            }
            return binary().filter(Binary::hasContentType).map(b -> ContentType.parse(b.getContentType()));
        }

        /**
         * What to read the bytes as: the declared type, with the Binary's charset when the attachment names
         * none and the Binary, stored by the server with the bytes, does for the same media type.
         */
        ContentType readingType() {
            ContentType declared = declaredType().orElseThrow();
            if (declared.charset() != null || attachment.hasData() || !attachment.hasUrl()) {
                return declared;
            }
            return binary().filter(Binary::hasContentType).map(b -> ContentType.parse(b.getContentType()))
                    .filter(stored -> stored.mediaType().equals(declared.mediaType()) && stored.charset() != null)
                    .orElse(declared);
        }
    }

    public static final class Builder {
        private long maxAttachmentBytes = DEFAULT_MAX_ATTACHMENT_BYTES;

        public Builder maxAttachmentBytes(long maxAttachmentBytes) {
            if (maxAttachmentBytes < 1) {
                throw new IllegalArgumentException("maxAttachmentBytes must be positive");
            }
            this.maxAttachmentBytes = maxAttachmentBytes;
            return this;
        }

        public NoteTextExtractor build() {
            return new NoteTextExtractor(this);
        }
    }
}
