package health.cura.fhir.hapi;

import ca.uhn.fhir.batch2.jobs.export.BulkDataExportProvider;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.tenant.UrlBaseTenantIdentificationStrategy;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FHIR REST endpoint: HAPI's RestfulServer at {@code /fhir/{tenant}/}. */
@Configuration(proxyBeanMethods = false)
public class FhirServletConfiguration {

    public static final String FHIR_PATH = "/fhir";

    /**
     * HAPI's server with its JPA providers, bulk export, and our providers ({@link ServerProvider} beans: each of our
     * operations, and the providers that take the place of HAPI's own for a type). Our interceptors are registered by
     * {@link HookRegistrar}.
     */
    @Bean
    RestfulServer restfulServer(
            IFhirSystemDao<?, ?> systemDao,
            ResourceProviderFactory resourceProviders,
            JpaSystemProvider<?, ?> systemProvider,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider,
            FhirServerProperties properties,
            BulkDataExportProvider bulkExport,
            List<ServerProvider> ours) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        systemDao.getContext().setNarrativeGenerator(new NullNarrativeGenerator());

        Set<Class<?>> replaced = ours.stream()
                .filter(IResourceProvider.class::isInstance)
                .map(provider -> (Class<?>) ((IResourceProvider) provider).getResourceType())
                .collect(Collectors.toSet());
        server.registerProviders(resourceProviders.createProviders().stream()
                .filter(provider -> !(provider instanceof IResourceProvider typed
                        && replaced.contains(typed.getResourceType())))
                .toList());
        server.registerProviders(List.of(systemProvider, bulkExport));
        server.registerProviders(List.copyOf(ours));
        server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport));
        // HAPI's own paging provider bean, sized from our properties.
        pagingProvider.setDefaultPageSize(properties.defaultPageSize());
        pagingProvider.setMaximumPageSize(properties.maximumPageSize());
        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setTenantIdentificationStrategy(new UrlBaseTenantIdentificationStrategy());
        if (!properties.serverAddress().isBlank()) {
            server.setServerAddressStrategy(new HardcodedServerAddressStrategy(properties.serverAddress()));
        }
        return server;
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer server) {
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, FHIR_PATH + "/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
