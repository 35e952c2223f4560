package health.cura.fhir.mapping;

import health.cura.fhir.tables.ResourceLinks;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Reference;

/**
 * A resource whose content is part of another resource's row (a vital sign of a consultation, the file of an imaging
 * study): writing, changing or deleting it recomputes that row, once per transaction, if the row exists.
 *
 * @param <T> the type of the resource whose row is recomputed
 */
public final class DependentResourceProjection<T extends IBaseResource> implements ResourceProjection {

    private final String resourceType;
    private final Function<IBaseResource, List<Reference>> owners;
    private final Class<T> ownerType;
    private final ResourceProjection ownerProjection;
    private final ResourceLinks links;
    private final TenantResources resources;

    /**
     * @param owners the references from a resource of {@code resourceType} to the resources whose rows it is part of
     *     (empty when it is part of none, say an Observation that is not a vital sign)
     */
    public DependentResourceProjection(String resourceType, Function<IBaseResource, List<Reference>> owners,
            Class<T> ownerType, ResourceProjection ownerProjection, ResourceLinks links,
            TenantResources resources) {
        this.resourceType = resourceType;
        this.owners = owners;
        this.ownerType = ownerType;
        this.ownerProjection = ownerProjection;
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
        String ownerTypeName = ownerProjection.resourceType();
        for (Reference owner : owners.apply(resource)) {
            if (owner == null || !owner.hasReferenceElement()
                    || !ownerTypeName.equals(owner.getReferenceElement().getResourceType())) {
                continue;
            }
            String id = owner.getReferenceElement().getIdPart();
            String target = ownerTypeName + "/" + id;
            if (context.refreshed().contains(target)
                    || links.rowId(context.organizationId(), ownerTypeName, id).isEmpty()) {
                continue;
            }
            resources.read(context, ownerType, new Reference(target))
                    .ifPresent(found -> ownerProjection.project(found, context));
        }
    }
}
