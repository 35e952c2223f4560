package health.cura.fhir.mapping;

import health.cura.fhir.tenancy.Tenant;
import health.cura.mappings.MappingContext;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The clinic a write belongs to, the rows already recomputed from their related resources in this transaction (a
 * bundle that writes an Encounter and ten of its vital signs recomputes it once), and what a mapper is given.
 */
public final class ProjectionContext {

    private final Tenant tenant;
    private final ReferenceResolver resolver;
    private final Set<String> refreshed;
    private final UnnamedClinician unnamedClinician;
    private final Map<Object, Object> requestData;
    private final Optional<Integer> writer;

    ProjectionContext(Tenant tenant, ReferenceResolver resolver, Set<String> refreshed,
            UnnamedClinician unnamedClinician, Map<Object, Object> requestData, Optional<Integer> writer) {
        this.requestData = requestData;
        this.writer = writer;
        this.tenant = tenant;
        this.resolver = resolver;
        this.refreshed = refreshed;
        this.unnamedClinician = unnamedClinician;
    }

    public Tenant tenant() {
        return tenant;
    }

    public int organizationId() {
        return tenant.id();
    }

    /**
     * Whether the request that writes carries {@code mark} in its user data: how one of our operations tells a
     * projection that a change only it may make is its own ({@code $void} cancelling an issued invoice).
     */
    public boolean requestMarked(String mark) {
        return Boolean.TRUE.equals(requestData.get(mark));
    }

    /** The signed-in member of staff who writes ({@code users} row), if a person does (not a backend service). */
    public Optional<Integer> writer() {
        return writer;
    }

    public Set<String> refreshed() {
        return refreshed;
    }

    /**
     * What a mapper is given for these resources: the clinic, and the row of every mapped resource they reference,
     * resolved now (projecting a target that has no row yet). The mapper itself then reaches no database.
     */
    public MappingContext mappingOf(IBaseResource... resources) {
        return new MappingContext(tenant.id(), tenant.subdomain(), resolver.resolve(tenant.id(), resources),
                () -> OptionalInt.of(unnamedClinician.rowId(tenant.id(), tenant.subdomain())));
    }
}
