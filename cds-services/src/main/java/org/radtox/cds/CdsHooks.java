package org.radtox.cds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.radtox.cds.cards.CardLinks;
import org.radtox.cds.cards.CardWriter;
import org.radtox.cds.cards.ToxicityCourses;
import org.radtox.cds.chart.PatientChart;
import org.radtox.cds.chart.ReadNote;
import org.radtox.cds.feedback.CardRetention;
import org.radtox.cds.feedback.FeedbackStore;
import org.radtox.cds.feedback.GoldCandidates;
import org.radtox.cds.feedback.IssuedCalls;
import org.radtox.cds.http.CdsHooksServlet;
import org.radtox.cds.http.FeedbackReportServlet;
import org.radtox.cds.invocation.ToxicityService;
import org.radtox.cds.invocation.ChartReader;
import org.radtox.cds.invocation.EhrFhirClient;
import org.radtox.cds.security.CdsClientVerifier;
import org.radtox.cds.security.ReplayGuard;
import org.radtox.fhir.RadToxFhir;
import org.radtox.fhir.notetext.NoteTextExtractor;
import org.radtox.fhir.observation.ToxicityObservationMapper;
import org.radtox.student.Student;
import org.radtox.student.note.Note;
import org.radtox.student.symptoms.SymptomSet;

/**
 * RadTox's CDS Hooks service, assembled: give it the settings, the active student and the server's database, and
 * mount {@link #servlet()} at {@code /cds-services/*} (and, behind operator access, {@link #feedbackReport}).
 * Owns its worker threads and the card log; close it after the HTTP server stops.
 */
public final class CdsHooks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CdsHooks.class);
    /** Hook calls whose cards may wait for the database at once; beyond it they are not remembered. */
    private static final int CARD_LOG_CAPACITY = 10_000;

    private final CdsSettings settings;
    private final SymptomSet symptoms;
    private final ObjectMapper json;
    private final FhirContext fhir;
    private final FeedbackStore store;
    private final IssuedCalls issued;
    /** Null when cards are kept for ever. */
    private final CardRetention retention;
    private final GoldCandidates gold;
    private final ExecutorService reading;
    private final ExecutorService fetching;
    private final CdsHooksServlet servlet;

    private CdsHooks(Builder b) throws IOException {
        this.settings = b.settings;
        this.symptoms = b.symptoms;
        this.json = new ObjectMapper();
        this.fhir = FhirContext.forR4();
        // Suggested Observations point at the exact note version, like those the FHIR server stores.
        fhir.getParserOptions().setDontStripVersionsFromReferencesAtPaths(RadToxFhir.VERSIONED_REFERENCE_PATHS);
        this.store = new FeedbackStore(b.dataSource);
        store.createTables();
        this.issued = new IssuedCalls(store, CARD_LOG_CAPACITY);
        this.retention = settings.cardRetention().isZero() ? null : new CardRetention(store, settings.cardRetention(), b.clock);
        this.gold = new GoldCandidates(json, b.student, b.symptoms);
        this.reading = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), threads("radtox-cds-read"));
        // EHR reads wait on the network, not the CPU; bounded so that a stuck EHR cannot exhaust the process.
        this.fetching = new ThreadPoolExecutor(0, 64, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads("radtox-cds-fetch"));
        Duration deadline = settings.deadline();
        Duration connect = deadline.compareTo(Duration.ofSeconds(1)) < 0 ? deadline : Duration.ofSeconds(1);
        ChartReader charts = new ChartReader(fhir, new EhrFhirClient(fhir, connect, deadline),
                NoteTextExtractor.builder().build(), b.student, settings.cacheMaxNotes(), fetching, reading);
        CardWriter cards = new CardWriter(fhir, ToxicityObservationMapper.builder().symptomSet(b.symptoms).build(), json,
                settings.cacheMaxNotes());
        ToxicityService toxicity = new ToxicityService(charts, cards, issued, b.student, b.symptoms, deadline, b.clock);
        // Token ids in the database, so that a token replayed on another node behind the load balancer is refused too.
        CdsClientVerifier verifier = settings.demoOpen() ? null
                : new CdsClientVerifier(settings.trust(), b.clock, ReplayGuard.shared(b.dataSource, b.clock));
        this.servlet = new CdsHooksServlet(settings, verifier, toxicity, store, fhir, json, b.clock);
        warmUp(b.student, cards);
        if (settings.demoOpen()) {
            log.warn("CDS Hooks DEMO MODE: CDS client JWTs are NOT checked; anyone who reaches this server gets cards");
        } else if (settings.trust().isEmpty()) {
            log.warn("CDS Hooks: no trusted CDS clients configured (cds.jwt.issuers): every call will be refused with 401");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * HAPI learns a resource type's model on first use, and the student's first note runs cold: seconds that
     * would otherwise fall on the first EHR call and blow its deadline. Spend them here, on a made-up note.
     */
    private void warmUp(Student student, CardWriter cards) {
        long t0 = System.nanoTime();
        String text = "Warm-up note. Up 3x at night to void. Rectal urgency, proctitis grade 2. Denies hematuria.";
        DocumentReference doc = new DocumentReference();
        doc.setId("DocumentReference/warm-up/_history/1");
        doc.setSubject(new Reference("Patient/warm-up"));
        doc.addContent().getAttachment().setContentType("text/plain").setData(text.getBytes(StandardCharsets.UTF_8));
        Bundle fetched = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        fetched.addEntry().setResource(doc);
        fetched = fhir.newJsonParser().parseResource(Bundle.class, fhir.newJsonParser().encodeResourceToString(fetched));
        doc = (DocumentReference) fetched.getEntryFirstRep().getResource();
        fhir.newJsonParser().parseResource(OperationOutcome.class, "{\"resourceType\":\"OperationOutcome\"}");
        fhir.newRestfulGenericClient("http://localhost/warm-up");
        List<org.radtox.student.finding.Finding> findings;
        try {
            findings = student.extract(new Note("warm-up", text));
        } catch (RuntimeException e) {
            // An LLM student's model server may be down at start: the server must still start (notes are stored and
            // wait; readiness says DEGRADED), so the warm-up goes on without the student's findings.
            log.warn("CDS Hooks warm-up without the student's findings: {}", e.getMessage());
            findings = List.of();
        }
        ReadNote note = new ReadNote("DocumentReference/warm-up/_history/1", "2031-01-01", Instant.now(), doc, text,
                "warm-up", findings);
        PatientChart chart = new PatientChart("warm-up", List.of(note), List.of(), true, List.of(), 1, 0);
        cards.write(chart, ToxicityCourses.of(chart, symptoms), new CardLinks("http://localhost", null), student.version(),
                settings.deadline(), Instant.now());
        log.info("CDS Hooks ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The CDS Hooks API, to mount at {@code /cds-services/*}. */
    public CdsHooksServlet servlet() {
        return servlet;
    }

    /** Feedback for reviewers (list and gold-set export), behind the server's operator check. */
    public FeedbackReportServlet feedbackReport(FeedbackReportServlet.AccessCheck access) {
        return new FeedbackReportServlet(store, gold, access, json);
    }

    public FeedbackStore feedbackStore() {
        return store;
    }

    public CdsSettings settings() {
        return settings;
    }

    /** Waits until the cards issued so far are in the database (tests, orderly shutdown). */
    public boolean flushCardLog(Duration timeout) throws InterruptedException {
        return issued.flush(timeout);
    }

    @Override
    public void close() {
        reading.shutdownNow();
        fetching.shutdownNow();
        issued.close();
        if (retention != null) {
            retention.close();
        }
    }

    public static final class Builder {
        private CdsSettings settings = CdsSettings.builder().build();
        private Student student;
        private DataSource dataSource;
        private SymptomSet symptoms;
        private Clock clock = Clock.systemUTC();

        public Builder settings(CdsSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The active student: every card says its version. */
        public Builder student(Student student) {
            this.student = student;
            return this;
        }

        /** Where cards and feedback are kept: the server's database (H2 or PostgreSQL). */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        public Builder symptomSet(SymptomSet symptoms) {
            this.symptoms = symptoms;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @throws IOException when a configured JWK Set file cannot be read */
        public CdsHooks build() throws IOException {
            Objects.requireNonNull(student, "student");
            Objects.requireNonNull(dataSource, "dataSource");
            if (symptoms == null) {
                symptoms = SymptomSet.prostateRt();
            }
            return new CdsHooks(this);
        }
    }
}
