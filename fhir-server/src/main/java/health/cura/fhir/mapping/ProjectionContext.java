package health.cura.fhir.mapping;

import health.cura.fhir.tenancy.Tenant;
import health.cura.mappings.MappingContext;
import java.util.Set;

/**
 * The clinic a write belongs to, the mappers' view of its links, and the rows already recomputed from their related
 * resources in this transaction (a bundle that writes an Encounter and ten of its vital signs recomputes it once).
 */
public record ProjectionContext(Tenant tenant, MappingContext mapping, Set<String> refreshed) {

    public int organizationId() {
        return tenant.id();
    }
}
