package health.cura.fhir.capture;

import java.util.Optional;

/** The clinics rows belong to, made tenants (partition, Organization) before any of their rows is applied. */
public interface CaptureClinics {

    /** The subdomain of the clinic, now a tenant; empty when no clinic has that id. */
    Optional<String> tenantOf(int organizationId);

    /** The subdomain of the clinic, without making it a tenant (for listing what is parked). */
    Optional<String> subdomainOf(int organizationId);

    /** The id of the clinic with that subdomain; empty when there is none. */
    Optional<Integer> organizationOf(String subdomain);
}
