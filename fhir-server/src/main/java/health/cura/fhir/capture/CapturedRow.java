package health.cura.fhir.capture;

/**
 * A row of a mapped table that changed outside FHIR, to be brought into FHIR as it is now.
 *
 * @param table          the table's name
 * @param rowId          the row's {@code id}
 * @param organizationId the clinic the row belongs to, which is also its HAPI partition
 * @param subdomain      that clinic's subdomain (its tenant name)
 */
public record CapturedRow(String table, int rowId, int organizationId, String subdomain) {}
