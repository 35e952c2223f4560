package health.cura.fhir.tenancy;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;

/**
 * A clinic: one {@code organizations} row, addressed as {@code /fhir/{subdomain}/}, stored in the HAPI partition whose
 * id is the row's id.
 */
public record Tenant(int id, String subdomain, String name) {

    public RequestPartitionId partition() {
        return RequestPartitionId.fromPartitionIdAndName(id, subdomain);
    }
}
