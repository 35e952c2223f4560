package health.cura.fhir.mapping;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Keeps the Cura row of one mapped resource type in step with the resource. Called inside HAPI's write transaction:
 * a {@link health.cura.mappings.UnmappableResourceException} refuses the write and rolls back both.
 */
public interface ResourceProjection {

    String resourceType();

    /**
     * Before HAPI stores a created or updated resource: fills in what the server supplies and the resource should
     * show, such as the clinic's business number. {@code previous} is null on create.
     */
    default void prepare(IBaseResource resource, IBaseResource previous, ProjectionContext context) {}

    /** Inserts or updates the row of a created or updated resource. */
    void project(IBaseResource resource, ProjectionContext context);

    /** Deactivates or deletes the row of a deleted resource (which has a row only if it was projected). */
    void delete(IBaseResource resource, ProjectionContext context);
}
