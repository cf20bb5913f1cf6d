package org.radtox.server.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.springframework.context.ApplicationContext;

import org.radtox.server.dashboard.api.CohortQueries;
import org.radtox.server.dashboard.api.DashboardApiServlet;
import org.radtox.server.dashboard.api.FeedbackRates;
import org.radtox.server.dashboard.api.NoteTexts;
import org.radtox.server.dashboard.findings.FindingsTable;
import org.radtox.server.security.AdminAccess;
import org.radtox.server.security.TokenVerifier;
import org.radtox.student.symptoms.SymptomSet;

/**
 * The quality-team dashboard on the server's port: the page at {@code /} (static files from the jar), the
 * charting library at {@code /assets/echarts/} (Apache ECharts from its WebJar, never a CDN), and the JSON
 * API at {@code /api/dashboard/*}, which asks for the same tokens as the FHIR API.
 */
public final class Dashboard {

    static final String STATIC = "org/radtox/server/dashboard/static/";
    private static final String ECHARTS_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

    private Dashboard() {
    }

    /** @param verifier the server's token verifier, or {@code null} when it runs open */
    public static void mount(ServletContextHandler handler, ApplicationContext context, TokenVerifier verifier) throws IOException {
        FindingsTable table = context.getBean(FindingsTable.class);
        SymptomSet symptoms = SymptomSet.prostateRt();
        handler.addServlet(new ServletHolder("dashboard-api", new DashboardApiServlet(new CohortQueries(table.jdbc(), symptoms),
                new FeedbackRates(table.jdbc()), new NoteTexts(context.getBean(DaoRegistry.class)), symptoms,
                AdminAccess.readingAll(verifier, "Observation"), AdminAccess.readingAll(verifier, "Observation", "DocumentReference"))),
                "/api/dashboard/*");
        ResourceFactory resources = ResourceFactory.of(handler);
        // A ResourceServlet serves a folder under a path prefix; the page is the context's default servlet.
        handler.addServlet(files("dashboard-echarts", new ResourceServlet(), resources.newClassLoaderResource(
                "META-INF/resources/webjars/echarts/" + echartsVersion() + "/")), "/assets/echarts/*");
        handler.addServlet(files("dashboard", new DefaultServlet(), resources.newClassLoaderResource(STATIC)), "/");
        handler.setWelcomeFiles(new String[] {"index.html"});
    }

    private static ServletHolder files(String name, ResourceServlet servlet, Resource base) {
        if (base == null) {
            throw new IllegalStateException("the dashboard's files are missing from the class path (" + name + ")");
        }
        ServletHolder holder = new ServletHolder(name, servlet);
        holder.setInitParameter("baseResource", base.getURI().toString());
        holder.setInitParameter("dirAllowed", "false");
        return holder;
    }

    private static String echartsVersion() throws IOException {
        try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(ECHARTS_POM)) {
            if (in == null) {
                throw new IOException("Apache ECharts (org.webjars.npm:echarts) is missing from the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }
}
