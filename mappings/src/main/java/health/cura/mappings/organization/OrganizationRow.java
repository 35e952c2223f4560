package health.cura.mappings.organization;

/** The columns of an {@code organizations} row that its FHIR Organization carries. */
public record OrganizationRow(
        int id, String name, String subdomain, String email, String region, String brandName, String subscriptionStatus) {}
