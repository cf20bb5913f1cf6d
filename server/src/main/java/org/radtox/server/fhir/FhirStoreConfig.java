package org.radtox.server.fhir;

import java.util.Properties;

import javax.sql.DataSource;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

import org.radtox.fhir.RadToxFhir;
import org.radtox.server.config.ServerSettings;
import org.radtox.server.config.StoreConnection;
import org.radtox.server.security.Authentication;

/**
 * HAPI FHIR's JPA server (R4) as HAPI means it to be assembled: its own Spring configurations, plus the
 * beans every deployment supplies (data source, entity manager factory, storage settings, the
 * RestfulServer). The {@link ServerSettings} bean is registered by {@link FhirServer} before refresh.
 */
@Configuration
@Import({JpaR4Config.class, HapiJpaConfig.class, JpaBatch2Config.class, Batch2JobsConfig.class,
        ThreadPoolFactoryConfig.class, SubscriptionChannelConfig.class})
public class FhirStoreConfig {

    private static final String[] VERSIONED_REFERENCES = RadToxFhir.VERSIONED_REFERENCE_PATHS.toArray(String[]::new);

    @Bean(destroyMethod = "close")
    public DataSource dataSource(ServerSettings settings) {
        HikariConfig c = StoreConnection.pool(settings, "radtox-store", Math.max(10, settings.extractionWorkers() + 8));
        return new HikariDataSource(c);
    }

    @Bean
    public JpaStorageSettings storageSettings() {
        JpaStorageSettings s = new JpaStorageSettings();
        // Notes reference patients and encounters that live in the EHR, not here.
        s.setAllowExternalReferences(true);
        s.setAutoCreatePlaceholderReferenceTargets(true);
        s.setEnforceReferentialIntegrityOnWrite(false);
        // An Observation derives from one exact version of its note; HAPI strips versions unless told.
        s.setAutoVersionReferenceAtPaths(VERSIONED_REFERENCES);
        // Observations appear in the background after a note is stored: a client polling a search must see
        // them, not a result HAPI cached a minute ago.
        s.setReuseCachedSearchResultsForMillis(null);
        // A token's display text is otherwise indexed again as a string (for the rarely used :text modifier):
        // that was nine string rows per toxicity Observation, most of its index.
        s.setSuppressStringIndexingInTokens(true);
        // Storing RadTox's retired SearchParameters (RetiredSearchParameters) would otherwise start a reindex
        // of every resource, a Batch2 job this server does not run; rows a retired parameter left behind
        // are only never read again.
        s.setMarkResourcesForReindexingUponSearchParameterChange(false);
        // Pre-expansion needs Hibernate Search, which this server leaves out; RadTox's ValueSets are small
        // enough to expand on request.
        s.setPreExpandValueSets(false);
        return s;
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    public SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings();
    }

    @Primary
    @Bean
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(ConfigurableListableBeanFactory beans,
            FhirContext fhirContext, JpaStorageSettings storage, DataSource dataSource, ServerSettings settings) {
        LocalContainerEntityManagerFactoryBean emf =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beans, fhirContext, storage);
        emf.setPersistenceUnitName("HAPI_PU");
        emf.setDataSource(dataSource);
        Properties jpa = new Properties();
        jpa.put("hibernate.dialect", settings.postgres() ? HapiFhirPostgresDialect.class.getName()
                : HapiFhirH2Dialect.class.getName());
        jpa.put("hibernate.hbm2ddl.auto", "update");
        jpa.put("hibernate.search.enabled", "false");
        jpa.put("hibernate.format_sql", "false");
        jpa.put("hibernate.show_sql", "false");
        emf.setJpaProperties(jpa);
        return emf;
    }

    @Primary
    @Bean
    public JpaTransactionManager transactionManager(EntityManagerFactory emf) {
        return new JpaTransactionManager(emf);
    }

    @Bean
    public ConformancePublisher conformancePublisher(ca.uhn.fhir.jpa.api.dao.DaoRegistry daos, FhirContext fhirContext,
            ca.uhn.fhir.rest.server.util.ISearchParamRegistry searchParameters) {
        return new ConformancePublisher(daos, org.radtox.student.symptoms.SymptomSet.prostateRt(), fhirContext, searchParameters);
    }

    @Bean
    public RestfulServer restfulServer(FhirContext fhirContext, ResourceProviderFactory providers,
            IJpaSystemProvider systemProvider, IFhirSystemDao<?, ?> systemDao, JpaStorageSettings storage,
            ISearchParamRegistry searchParams, IValidationSupport validation, DatabaseBackedPagingProvider paging,
            ca.uhn.fhir.jpa.api.dao.DaoRegistry daos, Authentication authentication) {
        fhirContext.getParserOptions().setDontStripVersionsFromReferencesAtPaths(VERSIONED_REFERENCES);
        RestfulServer server = new RestfulServer(fhirContext);
        server.registerProviders(providers.createProviders());
        server.registerProvider(systemProvider);
        server.registerProvider(new org.radtox.server.summary.ToxicitySummaryProvider(daos));
        server.setServerConformanceProvider(
                new JpaCapabilityStatementProvider(server, systemDao, storage, searchParams, validation));
        // HAPI defines the database-backed paging provider; page through the store, not memory.
        paging.setDefaultPageSize(50);
        paging.setMaximumPageSize(500);
        server.setPagingProvider(paging);
        server.setDefaultPrettyPrint(false);
        authentication.verifier().ifPresent(
                verifier -> server.registerInterceptor(new org.radtox.server.security.BearerTokenInterceptor(verifier)));
        return server;
    }

    @Bean
    public Authentication authentication(ServerSettings settings) throws java.io.IOException {
        return Authentication.of(settings);
    }
}
