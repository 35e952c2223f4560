package health.cura.fhir.tenancy;

/**
 * The outcome of provisioning: the tenant, the id of its own Organization resource, and whether this call created it
 * (false when it repeated an earlier, identical request).
 */
public record ProvisionedTenant(Tenant tenant, String organizationResourceId, boolean created) {}
