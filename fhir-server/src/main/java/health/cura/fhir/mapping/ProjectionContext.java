package health.cura.fhir.mapping;

import health.cura.fhir.tenancy.Tenant;
import health.cura.mappings.MappingContext;

/** The clinic a write belongs to, and the mappers' view of its links. */
public record ProjectionContext(Tenant tenant, MappingContext mapping) {

    public int organizationId() {
        return tenant.id();
    }
}
