package org.radtox.llm.usage;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Token usage and outcome of every model call, for cost accounting: totals per model and the latest calls
 * in memory, and optionally every call appended to a JSONL file (one {@link ModelCall} a line, fields
 * {@code at, student, note, part, backend, model, outcome, prompt_tokens, completion_tokens, latency_ms, detail};
 * docs/LLM-STUDENT.md), which refinement's cost report reads.
 */
public final class CallLedger implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECENT = 1_000;

    /** Calls and tokens of one model. Tokens a server did not report are not guessed. */
    public record Usage(long calls, long promptTokens, long completionTokens, long fallbacks) {
        Usage plus(ModelCall c) {
            boolean call = !c.outcome().equals("fallback");
            return new Usage(calls + (call ? 1 : 0), promptTokens + (c.promptTokens() == null ? 0 : c.promptTokens()),
                    completionTokens + (c.completionTokens() == null ? 0 : c.completionTokens()),
                    fallbacks + (call ? 0 : 1));
        }
    }

    private final BufferedWriter file;
    private final Map<String, Usage> totals = new TreeMap<>();
    private final Deque<ModelCall> recent = new ArrayDeque<>();

    private CallLedger(BufferedWriter file) {
        this.file = file;
    }

    public static CallLedger inMemory() {
        return new CallLedger(null);
    }

    /** Also appends every call to the file (created if missing). */
    public static CallLedger appendingTo(Path path) throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        return new CallLedger(Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
    }

    public synchronized void record(ModelCall c) {
        totals.merge(c.model(), new Usage(0, 0, 0, 0).plus(c), (a, b) -> a.plus(c));
        recent.addLast(c);
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
        if (file != null) {
            try {
                file.write(line(c));
                file.write('\n');
                file.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the call ledger", e);
            }
        }
    }

    public synchronized Map<String, Usage> totals() {
        return Map.copyOf(totals);
    }

    /** The latest calls, oldest first (at most 1,000). */
    public synchronized List<ModelCall> recent() {
        return new ArrayList<>(recent);
    }

    public static String line(ModelCall c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("at", c.at().toString());
        n.put("student", c.student());
        n.put("note", c.noteId());
        n.put("part", c.part());
        n.put("backend", c.backend());
        n.put("model", c.model());
        n.put("outcome", c.outcome());
        if (c.promptTokens() == null) {
            n.putNull("prompt_tokens");
        } else {
            n.put("prompt_tokens", c.promptTokens());
        }
        if (c.completionTokens() == null) {
            n.putNull("completion_tokens");
        } else {
            n.put("completion_tokens", c.completionTokens());
        }
        n.put("latency_ms", c.latencyMillis());
        n.put("detail", c.detail());
        return n.toString();
    }

    @Override
    public synchronized void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
