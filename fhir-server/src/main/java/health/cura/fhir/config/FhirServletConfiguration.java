package health.cura.fhir.config;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.binary.provider.BinaryAccessProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.batch2.jobs.export.BulkDataExportProvider;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.tenant.UrlBaseTenantIdentificationStrategy;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import health.cura.fhir.security.PatientSearchNarrowing;
import health.cura.fhir.security.ScopeAuthorizationInterceptor;
import health.cura.fhir.security.roles.RolePermissionInterceptor;
import ca.uhn.fhir.rest.server.IResourceProvider;
import health.cura.fhir.audit.AuditEventProvider;
import health.cura.fhir.audit.PatientAccessAudit;
import health.cura.fhir.security.launch.SmartLaunchOperation;
import org.hl7.fhir.r4.model.AuditEvent;
import health.cura.fhir.security.oauth.RegisterClientOperation;
import health.cura.fhir.security.smart.SmartCapabilityStatement;
import health.cura.fhir.tenancy.CreateTenantOperation;
import health.cura.fhir.tenancy.CrossTenantResponseGuard;
import health.cura.fhir.tenancy.TenantPartitionInterceptor;
import health.cura.fhir.validation.CapabilityProfiles;
import health.cura.fhir.validation.ValidateOperationProfile;
import java.util.List;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FHIR REST endpoint: HAPI's RestfulServer at {@code /fhir/{tenant}/}. */
@Configuration(proxyBeanMethods = false)
public class FhirServletConfiguration {

    public static final String FHIR_PATH = "/fhir";

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
            TenantPartitionInterceptor tenantPartitionInterceptor,
            CrossTenantResponseGuard crossTenantResponseGuard,
            SafeErrorInterceptor safeErrorInterceptor,
            CreateTenantOperation createTenantOperation,
            BinaryAccessProvider binaryAccessProvider,
            RegisterClientOperation registerClientOperation,
            SmartLaunchOperation smartLaunchOperation,
            ScopeAuthorizationInterceptor scopeAuthorization,
            PatientSearchNarrowing patientSearchNarrowing,
            SmartCapabilityStatement smartCapabilityStatement,
            AuditEventProvider auditEventProvider,
            PatientAccessAudit patientAccessAudit,
            RolePermissionInterceptor rolePermissions,
            BulkDataExportProvider bulkExport) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        systemDao.getContext().setNarrativeGenerator(new NullNarrativeGenerator());

        // AuditEvent is served from the audit trail table, never from HAPI's store.
        server.registerProviders(resourceProviders.createProviders().stream()
                .filter(provider -> !(provider instanceof IResourceProvider typed
                        && typed.getResourceType() == AuditEvent.class))
                .toList());
        server.registerProvider(auditEventProvider);
        server.registerProviders(
                List.of(systemProvider, createTenantOperation, registerClientOperation, smartLaunchOperation,
                        binaryAccessProvider, bulkExport));
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

        server.registerInterceptor(tenantPartitionInterceptor);
        server.registerInterceptor(patientSearchNarrowing);
        server.registerInterceptor(scopeAuthorization);
        server.registerInterceptor(rolePermissions);
        server.registerInterceptor(patientAccessAudit);
        server.registerInterceptor(smartCapabilityStatement);
        server.registerInterceptor(crossTenantResponseGuard);
        server.registerInterceptor(safeErrorInterceptor);
        server.registerInterceptor(new ResponseHighlighterInterceptor());
        server.registerInterceptor(new ValidateOperationProfile());
        server.registerInterceptor(new CapabilityProfiles());
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
