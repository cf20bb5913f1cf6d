package org.radtox.server.interchange;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.radtox.student.note.Note;

/**
 * Reads a notes JSONL stream line by line. Every kind of bad line (invalid UTF-8, not JSON, no id, a
 * duplicate id, no text, an over-long line) becomes an {@link NoteLine.Unreadable} with a reason, and
 * the lines after it are read as usual: one bad line never costs the good ones.
 */
public final class NoteLineReader implements Closeable {

    /** A line longer than this is skipped unread: it cannot be a note, and reading it could exhaust the heap. */
    public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InputStream in;
    private final Map<String, Long> seenIds = new HashMap<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    private long lineNumber;
    private boolean eof;

    public NoteLineReader(InputStream in) {
        this.in = in.markSupported() ? in : new java.io.BufferedInputStream(in, 1 << 16);
    }

    /** The next non-blank line, or {@code null} at the end of the stream. */
    public NoteLine next() throws IOException {
        while (!eof) {
            buffer.reset();
            boolean tooLong = false;
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (buffer.size() < MAX_LINE_BYTES) {
                    buffer.write(b);
                } else {
                    tooLong = true;
                }
            }
            if (b == -1) {
                eof = true;
                if (buffer.size() == 0 && !tooLong) {
                    return null;
                }
            }
            lineNumber++;
            if (tooLong) {
                return new NoteLine.Unreadable(lineNumber, null, "line is longer than " + MAX_LINE_BYTES + " bytes; skipped");
            }
            String line;
            try {
                line = decoder().decode(ByteBuffer.wrap(buffer.toByteArray())).toString();
            } catch (CharacterCodingException e) {
                return new NoteLine.Unreadable(lineNumber, null, "line is not valid UTF-8");
            }
            if (line.isBlank()) {
                continue;
            }
            return parse(line);
        }
        return null;
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private NoteLine parse(String line) {
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return new NoteLine.Unreadable(lineNumber, null, "line is not JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) {
            return new NoteLine.Unreadable(lineNumber, null, "line is not a JSON object");
        }
        JsonNode idNode = o.get("id");
        if (idNode == null || idNode.isNull() || (idNode.isTextual() && idNode.asText().isBlank())) {
            return new NoteLine.Unreadable(lineNumber, null, "missing id");
        }
        if (!idNode.isTextual() && !idNode.isIntegralNumber()) {
            return new NoteLine.Unreadable(lineNumber, null, "id must be a string");
        }
        String id = idNode.asText();
        Long first = seenIds.putIfAbsent(id, lineNumber);
        if (first != null) {
            return new NoteLine.Unreadable(lineNumber, id, "duplicate id " + id + " (first on line " + first + ")");
        }
        JsonNode text = o.get("text");
        if (text == null || text.isNull()) {
            return new NoteLine.Unreadable(lineNumber, id, "missing text");
        }
        if (!text.isTextual()) {
            return new NoteLine.Unreadable(lineNumber, id, "text must be a string");
        }
        return new NoteLine.Readable(lineNumber, new Note(id, text.asText()));
    }

    /** The texts of the readable notes of a JSONL file, in order (bad lines are skipped). */
    public static java.util.List<String> texts(java.nio.file.Path file) throws IOException {
        java.util.List<String> texts = new java.util.ArrayList<>();
        try (NoteLineReader r = new NoteLineReader(java.nio.file.Files.newInputStream(file))) {
            NoteLine l;
            while ((l = r.next()) != null) {
                if (l instanceof NoteLine.Readable ok) {
                    texts.add(ok.note().text());
                }
            }
        }
        return texts;
    }

    public long linesRead() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
