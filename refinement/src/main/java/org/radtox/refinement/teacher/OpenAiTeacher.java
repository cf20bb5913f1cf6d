package org.radtox.refinement.teacher;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;

import org.radtox.refinement.candidate.Edit;
import org.radtox.refinement.candidate.EditJson;
import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.candidate.InvalidEditException;
import org.radtox.refinement.cost.PriceTable;
import org.radtox.refinement.cost.TokenCounter;
import org.radtox.refinement.deid.PhiGuard;
import org.radtox.refinement.goldset.GoldNote;
import org.radtox.refinement.teacher.TeacherAnswer.StrategyChoice;
import org.radtox.student.symptoms.Symptom;

/**
 * GPT-4o, or any model behind an OpenAI-compatible endpoint, as the teacher, through langchain4j. Every note
 * in a request passes the {@link PhiGuard} first, in this class, before the client is called; a hit refuses
 * the call unless the operator gave an override (which is logged). Answers are structured (a JSON schema as
 * the response format) and checked: an answer in the wrong shape is refused whole, never half-applied.
 */
public final class OpenAiTeacher implements Teacher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String modelName;
    private final ChatModel model;
    private final PriceTable.ModelPrice price;
    private final TokenCounter tokens;
    private final PhiGuard phiGuard;
    private final String phiOverride;
    private final Consumer<String> audit;
    private final TeacherPrompt prompt;
    private final int maxErrors;
    private final int maxOutputTokens;

    private OpenAiTeacher(Builder b) {
        this.baseUrl = Objects.requireNonNull(b.baseUrl, "baseUrl");
        this.modelName = Objects.requireNonNull(b.modelName, "modelName");
        this.price = b.prices.require(b.priceModel == null ? b.modelName : b.priceModel);
        this.tokens = new TokenCounter(price.encoding());
        this.phiGuard = Objects.requireNonNull(b.phiGuard, "phiGuard: a remote teacher never runs without the PHI check");
        this.phiOverride = b.phiOverride;
        this.audit = b.audit;
        this.prompt = TeacherPrompt.load(b.promptVersion);
        this.maxErrors = b.maxErrors;
        this.maxOutputTokens = b.maxOutputTokens;
        this.model = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(b.apiKey == null ? "none" : b.apiKey).modelName(modelName)
                .temperature(0.0).seed(7).maxCompletionTokens(maxOutputTokens).timeout(b.timeout).maxRetries(b.maxRetries)
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA).strictJsonSchema(false).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "openai:" + modelName + " (" + prompt.version() + ")";
    }

    @Override
    public double estimateDollars(TeacherRequest request) {
        Rendered r = render(request);
        return price.dollars(tokens.count(prompt.system()) + tokens.count(r.user()), maxOutputTokens);
    }

    @Override
    public TeacherAnswer propose(TeacherRequest request) {
        Rendered r = render(request);
        // The guard runs here, on exactly the notes this call would carry, before anything is sent.
        phiGuard.check(r.notes(), phiOverride, audit);
        ChatResponse response;
        try {
            response = model.chat(ChatRequest.builder()
                    .messages(SystemMessage.from(prompt.system()), UserMessage.from(r.user()))
                    .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                            .jsonSchema(JsonSchema.builder().name("teacher_answer").rootElement(answerSchema()).build()).build())
                    .build());
        } catch (RuntimeException e) {
            throw failure(e);
        }
        var usage = response.tokenUsage();
        long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        return parse(text, request, new TeacherUsage(in, out, price.dollars(in, out)));
    }

    private TeacherException failure(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof HttpConnectTimeoutException) {
                return new TeacherException("teacher unreachable at " + baseUrl + " (" + t.getClass().getSimpleName()
                        + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")", e);
            }
            if (t instanceof HttpTimeoutException) {
                return new TeacherException("teacher at " + baseUrl + " did not answer in time", e);
            }
            if (t instanceof HttpException h) {
                return new TeacherException("teacher at " + baseUrl + " answered HTTP " + h.statusCode() + ": "
                        + abbreviate(h.getMessage()), e);
            }
        }
        return new TeacherException("teacher call to " + baseUrl + " failed: " + abbreviate(String.valueOf(e.getMessage())), e);
    }

    private record Rendered(String user, List<GoldNote> notes) {
    }

    private Rendered render(TeacherRequest request) {
        List<ErrorCase> errors = new ArrayList<>(request.errors());
        Collections.shuffle(errors, new Random(request.seed() + request.round()));
        errors = errors.subList(0, Math.min(maxErrors, errors.size()));
        Set<GoldNote> notes = new LinkedHashSet<>();
        StringBuilder shown = new StringBuilder();
        for (ErrorCase e : errors) {
            notes.add(e.note());
        }
        for (GoldNote n : notes) {
            shown.append("\n### note ").append(n.id()).append('\n').append(n.text()).append('\n');
            for (ErrorCase e : errors) {
                if (e.note() == n) {
                    shown.append("- ").append(e.symptom()).append(": gold ").append(label(e.gold().status().code(), e.gold().grade()))
                            .append(", student ").append(label(e.predicted().status().code(), e.predicted().grade()))
                            .append(e.evidence() == null ? "" : ", quote \"" + e.evidence() + "\"").append('\n');
                }
            }
        }
        StringBuilder symptoms = new StringBuilder();
        for (Symptom s : EmbeddedData.symptomSet().symptoms()) {
            symptoms.append(symptoms.length() == 0 ? "" : "; ").append(s.key()).append(' ').append(s.grades());
        }
        StringBuilder lexicon = new StringBuilder();
        if (request.data() != null) {
            request.data().document(Edit.Document.LEXICON).path("symptoms").properties().forEach(e ->
                    lexicon.append("- ").append(e.getKey()).append(": ").append(e.getValue().path("mentions")).append('\n'));
        } else {
            lexicon.append("(an LLM student: no lexicon)\n");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("student", request.student().id());
        values.put("kind", request.student().kind());
        values.put("round", Integer.toString(request.round()));
        values.put("symptoms", symptoms.toString());
        values.put("labeling", prompt.labelingSummary());
        values.put("lexicon", lexicon.toString().strip());
        values.put("shown", Integer.toString(errors.size()));
        values.put("total", Integer.toString(request.errors().size()));
        values.put("errors", shown.toString().strip());
        return new Rendered(prompt.user(values), List.copyOf(notes));
    }

    private static String label(String status, Integer grade) {
        return status + (grade == null || grade == 0 ? "" : " grade " + grade);
    }

    private static JsonObjectSchema answerSchema() {
        List<String> strategies = List.of("prompt_refinement", "retrieval", "fine_tuning");
        JsonObjectSchema edit = JsonObjectSchema.builder()
                .addEnumProperty("type", List.of("lexicon", "trigger", "pseudo", "grade-cue"))
                .addStringProperty("symptom").addStringProperty("role").addStringProperty("category").addStringProperty("side")
                .addIntegerProperty("grade").addStringProperty("phrase").required("type", "phrase").build();
        JsonObjectSchema example = JsonObjectSchema.builder().addStringProperty("note_id").addStringProperty("rationale")
                .required("note_id", "rationale").build();
        JsonObjectSchema proposal = JsonObjectSchema.builder().addStringProperty("symptom").addEnumProperty("strategy", strategies)
                .addStringProperty("rationale").addProperty("edits", JsonArraySchema.builder().items(edit).build())
                .addStringProperty("guidance").addProperty("examples", JsonArraySchema.builder().items(example).build())
                .required("symptom", "strategy", "rationale").build();
        JsonObjectSchema choice = JsonObjectSchema.builder().addStringProperty("symptom").addEnumProperty("strategy", strategies)
                .addStringProperty("reason").required("symptom", "strategy", "reason").build();
        return JsonObjectSchema.builder().addProperty("strategies", JsonArraySchema.builder().items(choice).build())
                .addProperty("proposals", JsonArraySchema.builder().items(proposal).build()).required("strategies", "proposals").build();
    }

    /** The answer, checked field by field; the first thing out of shape refuses it all. */
    static TeacherAnswer parse(String text, TeacherRequest request, TeacherUsage usage) {
        if (text == null || text.isBlank()) {
            throw new TeacherException("teacher answer in the wrong shape: it is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new TeacherException("teacher answer in the wrong shape: not JSON (" + e.getOriginalMessage() + ")");
        }
        if (!root.isObject() || !root.path("strategies").isArray() || !root.path("proposals").isArray()) {
            throw new TeacherException("teacher answer in the wrong shape: expected an object with arrays 'strategies' and "
                    + "'proposals', got " + abbreviate(text));
        }
        Set<String> symptoms = new LinkedHashSet<>(EmbeddedData.symptomSet().keys());
        Map<String, StrategyChoice> choices = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode c : root.get("strategies")) {
            String where = "strategies[" + i++ + "]";
            String symptom = text(c, "symptom", where);
            if (!symptoms.contains(symptom)) {
                throw new TeacherException("teacher answer in the wrong shape: " + where + " names unknown symptom '" + symptom + "'");
            }
            choices.put(symptom, new StrategyChoice(strategy(text(c, "strategy", where), where), text(c, "reason", where)));
        }
        List<Proposal> proposals = new ArrayList<>();
        i = 0;
        for (JsonNode p : root.get("proposals")) {
            String where = "proposals[" + i++ + "]";
            String symptom = text(p, "symptom", where);
            Strategy strategy = strategy(text(p, "strategy", where), where);
            List<Edit> edits;
            try {
                edits = p.has("edits") && !p.get("edits").isNull() ? EditJson.read(p.get("edits")) : List.of();
            } catch (InvalidEditException e) {
                throw new TeacherException("teacher answer in the wrong shape: " + where + ": " + e.getMessage());
            }
            List<RetrievalExample> examples = new ArrayList<>();
            if (p.has("examples") && !p.get("examples").isNull()) {
                if (!p.get("examples").isArray()) {
                    throw new TeacherException("teacher answer in the wrong shape: " + where + ".examples must be an array");
                }
                for (JsonNode x : p.get("examples")) {
                    String id = text(x, "note_id", where + ".examples");
                    if (request.train().notes().stream().noneMatch(n -> n.id().equals(id))) {
                        throw new TeacherException("teacher answer in the wrong shape: " + where + " picks note " + id
                                + ", which is not a train note");
                    }
                    examples.add(new RetrievalExample(id, symptom, text(x, "rationale", where + ".examples")));
                }
            }
            JsonNode g = p.get("guidance");
            proposals.add(new Proposal(symptom, strategy, edits, g == null || g.isNull() ? null : g.asText(), examples,
                    text(p, "rationale", where)));
        }
        return new TeacherAnswer(choices, proposals, usage);
    }

    private static Strategy strategy(String value, String where) {
        try {
            return Strategy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TeacherException("teacher answer in the wrong shape: " + where + " has strategy '" + value
                    + "' (prompt_refinement, retrieval or fine_tuning)");
        }
    }

    private static String text(JsonNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new TeacherException("teacher answer in the wrong shape: " + where + " lacks '" + field + "' (a non-empty string)");
        }
        return v.asText();
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** Where the model is, which one, what it costs, and the PHI check that guards it. */
    public static final class Builder {
        private String baseUrl = "https://api.openai.com/v1";
        private String modelName = "gpt-4o";
        private String priceModel;
        private String apiKey;
        private PriceTable prices = PriceTable.bundled();
        private PhiGuard phiGuard;
        private String phiOverride;
        private Consumer<String> audit = m -> { };
        private String promptVersion = TeacherPrompt.CURRENT;
        private int maxErrors = 40;
        private int maxOutputTokens = 4000;
        private Duration timeout = Duration.ofSeconds(120);
        private int maxRetries = 2;

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder modelName(String modelName) {
            this.modelName = modelName;
            return this;
        }

        /** The price-table entry when the served model's name differs (an OpenAI-compatible gateway). */
        public Builder priceModel(String priceModel) {
            this.priceModel = priceModel;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder prices(PriceTable prices) {
            this.prices = prices;
            return this;
        }

        public Builder phiGuard(PhiGuard phiGuard) {
            this.phiGuard = phiGuard;
            return this;
        }

        /** The operator's explicit reason to send notes the PHI check flags; logged to {@code audit} on every use. */
        public Builder phiOverride(String reason, Consumer<String> audit) {
            this.phiOverride = reason;
            this.audit = Objects.requireNonNull(audit);
            return this;
        }

        public Builder promptVersion(String promptVersion) {
            this.promptVersion = promptVersion;
            return this;
        }

        public Builder maxErrors(int maxErrors) {
            this.maxErrors = maxErrors;
            return this;
        }

        public Builder maxOutputTokens(int maxOutputTokens) {
            this.maxOutputTokens = maxOutputTokens;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public OpenAiTeacher build() {
            return new OpenAiTeacher(this);
        }
    }
}
