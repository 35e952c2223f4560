package health.cura.fhir.mapping.imaging;

import health.cura.fhir.mapping.DependentResourceProjection;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.mapping.TenantResources;
import health.cura.fhir.tables.ResourceLinks;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A DocumentReference that carries an imaging study's file feeds the study's row. */
@Configuration
class ImagingFileConfiguration {

    @Bean
    ResourceProjection filesOfImagingStudies(
            ImagingProjection imaging, ResourceLinks links, TenantResources resources) {
        return new DependentResourceProjection<>("DocumentReference",
                resource -> ((DocumentReference) resource).getContext().getRelated(), ImagingStudy.class, imaging,
                links, resources);
    }
}
