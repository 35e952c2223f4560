package health.cura.mappings.organization;

import health.cura.conformance.CuraCanonical;
import health.cura.mappings.OwnedElements;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;

/**
 * An {@code organizations} row as the clinic's own FHIR Organization.
 *
 * <table>
 *   <tr><th>column</th><th>element</th></tr>
 *   <tr><td>name</td><td>Organization.name</td></tr>
 *   <tr><td>brand_name</td><td>Organization.alias[0] (when it differs from name)</td></tr>
 *   <tr><td>subdomain</td><td>Organization.identifier (system {@link CuraCanonical#TENANT_IDENTIFIER_SYSTEM})</td></tr>
 *   <tr><td>email</td><td>Organization.telecom (system email, use work)</td></tr>
 *   <tr><td>subscription_status</td><td>Organization.active (false when suspended or cancelled)</td></tr>
 * </table>
 *
 * {@code region}, {@code settings}, {@code features} and {@code access_level} are platform data with no FHIR element.
 */
public final class OrganizationMapper {

    private OrganizationMapper() {}

    /**
     * What an {@code organizations} row supplies of the clinic's Organization: the tenant identifier, name, brand name
     * (as alias), email and active; other identifiers, addresses and contact points are kept.
     */
    public static final OwnedElements<Organization> OWNED = OwnedElements.of(Organization.class)
            .element("name", "alias", "active")
            .items("identifier", Identifier.class, i -> CuraCanonical.TENANT_IDENTIFIER_SYSTEM.equals(i.getSystem()))
            .items("telecom", ContactPoint.class, t -> t.getSystem() == ContactPoint.ContactPointSystem.EMAIL)
            .build();

    public static Organization toFhir(OrganizationRow row) {
        Organization organization = new Organization();
        organization.addIdentifier().setSystem(CuraCanonical.TENANT_IDENTIFIER_SYSTEM).setValue(row.subdomain());
        organization.setName(row.name());
        if (row.brandName() != null && !row.brandName().equals(row.name())) {
            organization.addAlias(row.brandName());
        }
        organization
                .addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.EMAIL)
                .setUse(ContactPoint.ContactPointUse.WORK)
                .setValue(row.email());
        organization.setActive(!"suspended".equals(row.subscriptionStatus())
                && !"cancelled".equals(row.subscriptionStatus()));
        return organization;
    }
}
