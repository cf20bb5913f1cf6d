package org.radtox.server.extraction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import org.radtox.fhir.notetext.NoteTextExtractor;
import org.radtox.fhir.observation.ToxicityObservationMapper;
import org.radtox.refinement.registry.RegisteredVersion;
import org.radtox.refinement.registry.VersionRegistry;
import org.radtox.server.config.ServerSettings;
import org.radtox.server.students.ActiveStudent;
import org.radtox.student.Student;
import org.radtox.student.embedded.EmbeddedStudent;

/** RadTox's side of the server: the student, the outbox and the workers, and their metrics. */
@Configuration
public class ExtractionConfig {

    /** The student of the {@code student} setting: it serves until the registry names an active version. */
    @Bean
    public Student student(ServerSettings settings) throws java.io.IOException {
        if (settings.student() == null || settings.student().equals("embedded")) {
            return EmbeddedStudent.bundled();
        }
        return org.radtox.server.students.StudentResolver.resolve(settings.student(), studentSetup(settings));
    }

    private static org.radtox.server.students.StudentResolver.Setup studentSetup(ServerSettings settings) throws java.io.IOException {
        // An LLM student's retrieval index lives in the server's PostgreSQL (pgvector) when it has one, and its
        // model calls are recorded beside the data.
        var rag = settings.jdbcUrl() != null && settings.jdbcUrl().startsWith("jdbc:postgresql:")
                ? new org.radtox.llm.version.VersionedStudents.RagDatabase(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword())
                : null;
        return new org.radtox.server.students.StudentResolver.Setup(
                settings.studentsDir(), java.util.List.of(), System.getenv(), rag,
                org.radtox.llm.usage.CallLedger.appendingTo(settings.dataDir().resolve("llm-calls.jsonl")),
                w -> org.slf4j.LoggerFactory.getLogger(ExtractionConfig.class).warn(w));
    }

    /**
     * The version registry in the store's own database (the tables {@code radtox promote} writes), and the
     * student it names: versions are looked up in the registry first (an embedded version is built from its
     * stored data, another kind by its module), then as {@link org.radtox.server.students.StudentResolver} finds them.
     */
    @Bean
    public ActiveStudent activeStudent(DataSource dataSource, Student configured, ServerSettings settings) throws java.io.IOException {
        org.radtox.server.students.StudentResolver.Setup setup = studentSetup(settings);
        VersionRegistry registry = VersionRegistry.open(dataSource);
        ActiveStudent.Registry events = new ActiveStudent.Registry() {
            @Override
            public long changeStamp() {
                return registry.changeStamp();
            }

            @Override
            public Optional<ActiveStudent.Active> active() {
                return registry.active().map(e -> new ActiveStudent.Active(e.seq(), e.versionId()));
            }
        };
        ActiveStudent active = new ActiveStudent(events, configured, id -> {
            Optional<RegisteredVersion> v = registry.find(id);
            if (v.isEmpty()) {
                return org.radtox.server.students.StudentResolver.resolve(id, setup);
            }
            return v.get().data() != null ? v.get().data().student()
                    : org.radtox.server.students.StudentResolver.build(v.get().version(), setup);
        });
        active.refresh();
        return active;
    }

    @Bean
    public PrometheusMeterRegistry meterRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @Bean
    public ExtractionMetrics extractionMetrics(PrometheusMeterRegistry registry) {
        return new ExtractionMetrics(registry);
    }

    @Bean
    public JobArrivals jobArrivals() {
        return new JobArrivals();
    }

    @Bean
    public ExtractionQueue extractionQueue(DataSource dataSource, PlatformTransactionManager transactions,
            IInterceptorService interceptors, ActiveStudent student, PrometheusMeterRegistry registry, ServerSettings settings,
            ExtractionMetrics metrics, JobArrivals arrivals) {
        ExtractionQueue queue = new ExtractionQueue(dataSource, transactions, Duration.ofSeconds(settings.leaseSeconds()), 5);
        queue.createTable();
        interceptors.registerInterceptor(new OutboxInterceptor(queue, student::version, metrics, arrivals));
        interceptors.registerInterceptor(new org.radtox.server.ingest.NoteIngestRules(NoteTextExtractor.DEFAULT_MAX_ATTACHMENT_BYTES));
        // One count query serves all four gauges of a scrape: the snapshot is reused for a second.
        JobCountSnapshot counts = new JobCountSnapshot(queue::counts, Duration.ofSeconds(1));
        for (ExtractionQueue.State state : ExtractionQueue.State.values()) {
            Gauge.builder("radtox_extraction_jobs", () -> counts.get().get(state)).tag("state", state.name().toLowerCase())
                    .description("Extraction jobs by state").register(registry);
        }
        return queue;
    }

    @Bean
    public Backfills backfills(DataSource dataSource, PlatformTransactionManager transactions, ExtractionQueue queue,
            ServerSettings settings) {
        Backfills backfills = new Backfills(dataSource, transactions, queue, settings.backfillChunk());
        backfills.createTable();
        return backfills;
    }

    @Bean
    public BackfillDriver backfillDriver(ActiveStudent student, Backfills backfills, ServerSettings settings,
            PrometheusMeterRegistry registry) {
        return new BackfillDriver(student, backfills, java.time.Duration.ofSeconds(settings.studentPollSeconds()), registry);
    }

    @Bean
    public Workers extractionWorkers(ServerSettings settings, ExtractionQueue queue, DaoRegistry daos,
            IFhirSystemDao<Bundle, ?> system, ActiveStudent student, ExtractionMetrics metrics, JobArrivals arrivals) {
        NoteTextExtractor texts = NoteTextExtractor.builder().build();
        ToxicityObservationMapper mapper = ToxicityObservationMapper.builder().build();
        List<ExtractionWorker> workers = new ArrayList<>();
        String node = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        for (int i = 0; i < settings.extractionWorkers(); i++) {
            workers.add(new ExtractionWorker(node + "/" + i, queue, arrivals, daos, system, student, texts, mapper, metrics));
        }
        // The active student's Device exists before any worker writes: otherwise two workers' first transactions
        // race to create it under the same id and one must retry.
        Runnable prepare = () -> daos.getResourceDao(org.hl7.fhir.r4.model.Device.class)
                .update(org.radtox.fhir.observation.StudentDevice.of(student.version()), new ca.uhn.fhir.rest.api.server.SystemRequestDetails());
        return new Workers(workers, prepare);
    }

    /** Starts the workers with the context and stops them before the store closes. */
    public static final class Workers implements SmartLifecycle {
        private final List<ExtractionWorker> workers;
        private final Runnable prepare;
        private ExecutorService pool;

        Workers(List<ExtractionWorker> workers, Runnable prepare) {
            this.workers = workers;
            this.prepare = prepare;
        }

        @Override
        public void start() {
            if (workers.isEmpty()) {
                return;
            }
            prepare.run();
            pool = Executors.newFixedThreadPool(workers.size(), r -> {
                Thread t = new Thread(r, "radtox-extraction");
                t.setDaemon(true);
                return t;
            });
            workers.forEach(pool::submit);
        }

        @Override
        public void stop() {
            workers.forEach(ExtractionWorker::stop);
            if (pool != null) {
                pool.shutdown();
                try {
                    if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                        pool.shutdownNow();
                    }
                } catch (InterruptedException e) {
                    pool.shutdownNow();
                    Thread.currentThread().interrupt();
                }
                pool = null;
            }
        }

        @Override
        public boolean isRunning() {
            return pool != null;
        }
    }
}
