package health.cura.fhir.mapping.consultation;

import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.mapping.RowLinkRepository;
import health.cura.fhir.mapping.TenantResources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The vital signs and diagnoses that feed a consultation's row. */
@Configuration
class EncounterDetailsConfiguration {

    @Bean
    ResourceProjection vitalSignsOfConsultations(
            ConsultationProjection consultations, RowLinkRepository links, TenantResources resources) {
        return new EncounterDetailsProjection("Observation", consultations, links, resources);
    }

    @Bean
    ResourceProjection diagnosesOfConsultations(
            ConsultationProjection consultations, RowLinkRepository links, TenantResources resources) {
        return new EncounterDetailsProjection("Condition", consultations, links, resources);
    }
}
