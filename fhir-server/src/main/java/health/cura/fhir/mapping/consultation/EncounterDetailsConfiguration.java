package health.cura.fhir.mapping.consultation;

import health.cura.fhir.mapping.DependentResourceProjection;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.mapping.TenantResources;
import health.cura.fhir.tables.ResourceLinks;
import java.util.List;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The vital signs and diagnoses that feed a consultation's row. */
@Configuration
class EncounterDetailsConfiguration {

    @Bean
    ResourceProjection vitalSignsOfConsultations(
            ConsultationProjection consultations, ResourceLinks links, TenantResources resources) {
        return new DependentResourceProjection<>("Observation", resource -> {
            Observation observation = (Observation) resource;
            return ConsultationProjection.isVitalSign(observation) ? List.of(observation.getEncounter()) : List.of();
        }, Encounter.class, consultations, links, resources);
    }

    @Bean
    ResourceProjection diagnosesOfConsultations(
            ConsultationProjection consultations, ResourceLinks links, TenantResources resources) {
        return new DependentResourceProjection<>("Condition",
                resource -> List.of(((Condition) resource).getEncounter()), Encounter.class, consultations, links,
                resources);
    }
}
