package health.cura.fhir.security;

import health.cura.fhir.security.smart.SmartScope;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one access token lets its bearer do, read from the token's claims.
 *
 * @param tenant    the clinic (subdomain) the token was issued for; empty for platform tokens
 * @param clientId  the client the token was issued to
 * @param subject   who acted: a staff account, or the client itself for backend services
 * @param scopes    every scope granted, as issued
 * @param patient   the FHIR id of the patient in context, for patient-context tokens
 * @param fhirUser  the signed-in user as a FHIR reference ({@code Practitioner/...}), when there is one
 * @param userRowId the signed-in user's {@code users} row, when there is one
 * @param platform  whether the token belongs to the platform (SaaS owner) rather than to a clinic
 */
public record AccessGrant(
        Optional<String> tenant,
        String clientId,
        String subject,
        Set<String> scopes,
        Optional<String> patient,
        Optional<String> fhirUser,
        Optional<Integer> userRowId,
        boolean platform) {

    public AccessGrant {
        scopes = Set.copyOf(scopes);
    }

    public List<SmartScope> resourceScopes() {
        return scopes.stream().map(SmartScope::parse).flatMap(Optional::stream).toList();
    }

    public boolean isFor(String tenantName) {
        return tenant.filter(tenantName::equals).isPresent();
    }
}
