package health.cura.fhir.mapping.consultation;

import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.mapping.RowLinkRepository;
import health.cura.fhir.mapping.TenantResources;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;

/**
 * A vital sign or a diagnosis written on its own changes its consultation's row: the encounter's row is recomputed
 * (once per transaction) when one of them is created, updated or deleted. One instance per type (Observation,
 * Condition).
 */
class EncounterDetailsProjection implements ResourceProjection {

    private final String resourceType;
    private final ConsultationProjection consultations;
    private final RowLinkRepository links;
    private final TenantResources resources;

    EncounterDetailsProjection(String resourceType, ConsultationProjection consultations, RowLinkRepository links,
            TenantResources resources) {
        this.resourceType = resourceType;
        this.consultations = consultations;
        this.links = links;
        this.resources = resources;
    }

    @Override
    public String resourceType() {
        return resourceType;
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        refresh(resource, context);
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        refresh(resource, context);
    }

    private void refresh(IBaseResource resource, ProjectionContext context) {
        Reference encounter = encounterOf(resource);
        if (encounter == null || !encounter.hasReferenceElement()) {
            return;
        }
        String target = "Encounter/" + encounter.getReferenceElement().getIdPart();
        if (context.refreshed().contains(target)
                || links.rowId(context.organizationId(), "Encounter", encounter.getReferenceElement().getIdPart())
                        .isEmpty()) {
            return;
        }
        resources.read(context, Encounter.class, new Reference(target))
                .ifPresent(found -> consultations.project(found, context));
    }

    private static Reference encounterOf(IBaseResource resource) {
        if (resource instanceof org.hl7.fhir.r4.model.Observation observation) {
            return ConsultationProjection.isVitalSign(observation) ? observation.getEncounter() : null;
        }
        if (resource instanceof org.hl7.fhir.r4.model.Condition condition) {
            return condition.getEncounter();
        }
        return null;
    }
}
