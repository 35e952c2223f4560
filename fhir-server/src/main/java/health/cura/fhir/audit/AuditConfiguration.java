package health.cura.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import health.cura.fhir.mapping.RowLinkRepository;
import io.micrometer.core.instrument.MeterRegistry;
import health.cura.fhir.tenancy.TenantDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit trail: written for every interaction with patient data, served as read-only AuditEvent. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    AuditTrail auditTrail(JdbcTemplate jdbc) {
        return new AuditTrail(jdbc);
    }

    @Bean
    PatientAccessAudit patientAccessAudit(AuditTrail trail, FhirContext fhir, MeterRegistry meters) {
        return new PatientAccessAudit(trail, fhir, meters);
    }

    @Bean
    AuditEventProvider auditEventProvider(AuditTrail trail, TenantDirectory tenants, RowLinkRepository links) {
        return new AuditEventProvider(trail, tenants, links);
    }
}
