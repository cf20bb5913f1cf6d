package org.radtox.server.cds;

import java.io.IOException;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.radtox.cds.CdsHooks;
import org.radtox.server.config.ServerSettings;
import org.radtox.server.students.ActiveStudent;

/**
 * The CDS Hooks service in the server: the active student, the server's own database for cards and feedback,
 * and the {@code cds.*} settings. {@link org.radtox.server.fhir.FhirServer} mounts its servlets.
 */
@Configuration
public class CdsHooksConfig {

    @Bean(destroyMethod = "close")
    public CdsHooks cdsHooks(ServerSettings settings, ActiveStudent student, DataSource dataSource) throws IOException {
        // The active version, not the one configured at start: cards follow a promotion or rollback without a restart.
        return CdsHooks.builder().settings(settings.cds()).student(student.asStudent()).dataSource(dataSource).build();
    }
}
