package org.radtox.server.fhir;

import java.time.Duration;

import ca.uhn.fhir.rest.server.RestfulServer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import org.radtox.server.config.ServerSettings;

/**
 * The running server: a Spring context holding HAPI's JPA server and RadTox's beans, and Jetty serving
 * the FHIR API at {@code /fhir} (and CDS Hooks at {@code /cds-services}). Closing it stops Jetty first,
 * so no request meets a closing store.
 */
public final class FhirServer implements AutoCloseable {

    private final AnnotationConfigApplicationContext context;
    private final Server jetty;
    private final org.radtox.server.health.Readiness readiness;

    private FhirServer(AnnotationConfigApplicationContext context, Server jetty, org.radtox.server.health.Readiness readiness) {
        this.context = context;
        this.jetty = jetty;
        this.readiness = readiness;
    }

    /** Starts everything and returns once the FHIR API answers requests. */
    public static FhirServer start(ServerSettings settings, Class<?>... extraConfig) throws Exception {
        return start(settings, () -> { }, extraConfig);
    }

    /**
     * As {@link #start(ServerSettings, Class...)}, running {@code beforeListening} once the store and beans are up,
     * just before the port is taken: what answered on the port while the node started gives it up then.
     */
    public static FhirServer start(ServerSettings settings, Runnable beforeListening, Class<?>... extraConfig) throws Exception {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.setAllowCircularReferences(true);
        context.getBeanFactory().registerSingleton("serverSettings", settings);
        context.register(FhirStoreConfig.class, org.radtox.server.extraction.ExtractionConfig.class);
        context.register(org.radtox.server.cds.CdsHooksConfig.class);
        context.register(org.radtox.server.dashboard.DashboardConfig.class);
        if (extraConfig.length > 0) {
            context.register(extraConfig);
        }
        context.refresh();
        org.radtox.server.health.Readiness readiness = new org.radtox.server.health.Readiness(java.util.List.of(
                new org.radtox.server.health.DatabaseCheck(context.getBean(javax.sql.DataSource.class)),
                new org.radtox.server.health.DataDirCheck(settings.dataDir()),
                new org.radtox.server.health.ExtractionCheck(context.getBean(org.radtox.server.extraction.ExtractionMetrics.class))));
        try {
            beforeListening.run();
            Server jetty = new Server();
            ServerConnector http = new ServerConnector(jetty);
            http.setHost(settings.host());
            http.setPort(settings.port());
            http.setIdleTimeout(Duration.ofSeconds(60).toMillis());
            jetty.addConnector(http);
            ServletContextHandler handler = new ServletContextHandler();
            handler.setContextPath("/");
            ServletHolder fhir = new ServletHolder("fhir", context.getBean(RestfulServer.class));
            fhir.setInitOrder(1);
            handler.addServlet(fhir, "/fhir/*");
            handler.addServlet(new ServletHolder("health", new HealthServlet(readiness)), "/health/*");
            org.radtox.server.security.AdminAccess admin = new org.radtox.server.security.AdminAccess(
                    context.getBean(org.radtox.server.security.Authentication.class).verifier().orElse(null));
            handler.addServlet(new ServletHolder("extraction", new ExtractionJobsServlet(
                    context.getBean(org.radtox.server.extraction.ExtractionQueue.class), admin)), "/admin/extraction");
            handler.addServlet(new ServletHolder("metrics", new MetricsServlet(
                    context.getBean(io.micrometer.prometheusmetrics.PrometheusMeterRegistry.class), admin)), "/metrics");
            org.radtox.cds.CdsHooks cds = context.getBean(org.radtox.cds.CdsHooks.class);
            handler.addServlet(new ServletHolder("cds-hooks", cds.servlet()), "/cds-services/*");
            handler.addServlet(new ServletHolder("cds-feedback", cds.feedbackReport(admin::allow)), "/admin/cds-feedback/*");
            org.radtox.server.dashboard.Dashboard.mount(handler, context,
                    context.getBean(org.radtox.server.security.Authentication.class).verifier().orElse(null));
            jetty.setHandler(handler);
            jetty.start();
            return new FhirServer(context, jetty, readiness);
        } catch (Exception e) {
            readiness.close();
            context.close();
            throw e;
        }
    }

    /** Stores the demo patients and notes unless they are there; returns how many notes were stored. */
    @SuppressWarnings("unchecked")
    public int loadDemo() {
        return org.radtox.server.demo.DemoData.load(context.getBean(ca.uhn.fhir.jpa.api.dao.DaoRegistry.class),
                context.getBean(ca.uhn.fhir.jpa.api.dao.IFhirSystemDao.class));
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    public AnnotationConfigApplicationContext context() {
        return context;
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() throws Exception {
        try {
            readiness.close();
            jetty.stop();
        } finally {
            context.close();
        }
    }
}
