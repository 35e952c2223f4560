package health.cura.fhir.gdpr;

import ca.uhn.fhir.context.FhirContext;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import health.cura.fhir.audit.PatientsOfRecord;
import health.cura.fhir.grant.ClientPurposes;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which patients' data a client may receive, where a consent is what processing rests on: a client registered for
 * research gets only patients with a granted, unexpired {@code research} consent, one for sharing {@code data_sharing},
 * one for marketing {@code marketing}. Care rests on UK GDPR Art. 6(1)(e) and 9(2)(h), not on consent, so a care client
 * gets every patient, unless the clinic's setting ({@code organizations.settings.gdpr.careRequiresDataSharing}) asks
 * for {@code data_sharing} for care clients too. Consents are read for each request, so a withdrawal counts from the
 * next one; the clinic's setting is remembered for 30 seconds.
 */
public class ConsentedPatients {

    private final JdbcTemplate jdbc;
    private final ClientPurposes purposes;
    private final PatientsOfRecord patients;
    private final LoadingCache<Integer, Boolean> careNeedsSharing;

    public ConsentedPatients(JdbcTemplate jdbc, ClientPurposes purposes, FhirContext fhir) {
        this.jdbc = jdbc;
        this.purposes = purposes;
        this.patients = new PatientsOfRecord(fhir);
        this.careNeedsSharing = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(30)).maximumSize(10_000)
                .build(clinic -> Boolean.TRUE.equals(jdbc.queryForObject("""
                        SELECT coalesce(settings -> 'gdpr' ->> 'careRequiresDataSharing', '') = 'true'
                        FROM organizations WHERE id = ?""", Boolean.class, clinic)));
    }

    /** The consent type the client's data rests on in this clinic; empty when none is needed (care). */
    public Optional<String> consentNeeded(int organizationId, String clientId) {
        Optional<String> purpose = clientId == null ? Optional.empty() : purposes.of(clientId);
        if (purpose.isEmpty()) {
            return careNeedsSharing.get(organizationId) ? Optional.of("data_sharing") : Optional.empty();
        }
        return Optional.of(switch (purpose.get()) {
            case "research" -> "research";
            case "marketing" -> "marketing";
            default -> "data_sharing";
        });
    }

    /** The patients (FHIR ids) a resource is about: itself for a Patient, else the owners of its compartment. */
    public List<String> patientsOf(IBaseResource resource) {
        return patients.of(resource);
    }

    /** Of these patients (FHIR ids), those with a granted, unexpired consent of the type. */
    public Set<String> consenting(int organizationId, Collection<String> patientIds, String consentType) {
        if (patientIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("""
                SELECT l.resource_id FROM fhir_resource_links l
                JOIN gdpr_consents c ON c.organization_id = l.organization_id AND c.patient_id = l.row_id
                WHERE l.organization_id = ? AND l.table_name = 'patients' AND l.resource_type = 'Patient'
                  AND l.resource_id = ANY (?) AND c.consent_type = ? AND c.status = 'granted'
                  AND (c.expires_at IS NULL OR c.expires_at > timezone('UTC', now()))""", String.class,
                organizationId, patientIds.toArray(String[]::new), consentType));
    }
}
