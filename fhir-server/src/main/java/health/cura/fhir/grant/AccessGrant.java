package health.cura.fhir.grant;

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

    /** Whether a scope outside a patient's context reads the type (an EHR acting across the clinic). */
    public boolean readsAcrossClinic(String resourceType) {
        return resourceScopes().stream()
                .anyMatch(s -> s.context() != SmartScope.Context.PATIENT && s.reads(resourceType));
    }

    /**
     * Whether a scope outside a patient's context allows every one of the interactions on the type, unrestricted
     * (a back office changing the clinic's records: billing, stock).
     */
    public boolean changesAcrossClinic(String resourceType, SmartScope.Interaction... interactions) {
        return resourceScopes().stream().anyMatch(s -> s.context() != SmartScope.Context.PATIENT
                && (s.allTypes() || s.resourceType().equals(resourceType)) && s.restriction().isEmpty()
                && java.util.Arrays.stream(interactions).allMatch(s::permits));
    }

    /** Whether some scope reads something. */
    public boolean readsAnything() {
        return resourceScopes().stream().anyMatch(s -> s.permits(SmartScope.Interaction.READ));
    }

    /** Whether a {@code system/} scope reads and searches every type, unrestricted: what bulk export needs. */
    public boolean readsEveryType() {
        return resourceScopes().stream().anyMatch(s -> s.context() == SmartScope.Context.SYSTEM && s.allTypes()
                && s.restriction().isEmpty() && s.permits(SmartScope.Interaction.READ)
                && s.permits(SmartScope.Interaction.SEARCH));
    }

    public boolean isFor(String tenantName) {
        return tenant.filter(tenantName::equals).isPresent();
    }
}
