package org.radtox.server.dashboard;

import javax.sql.DataSource;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.radtox.server.dashboard.findings.FindingsInterceptor;
import org.radtox.server.dashboard.findings.FindingsTable;

/**
 * The dashboard's side of the store: the findings table, created at start and kept in step with every
 * toxicity Observation written from then on (an eager singleton, so it is in place before the workers or
 * the demo data write anything).
 */
@Configuration
public class DashboardConfig {

    @Bean
    public FindingsTable findingsTable(DataSource dataSource, IInterceptorService interceptors) {
        FindingsTable table = new FindingsTable(dataSource);
        table.createTables();
        interceptors.registerInterceptor(new FindingsInterceptor(table));
        return table;
    }
}
