package health.cura.fhir.validation;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * UK Core requires {@code MedicationRequest.substitution} (1..1); R4 leaves it optional, and says that when it is
 * absent "substitution may be done". Most R4 prescriptions (Synthea's, most EHRs') leave it out. Rather than refuse
 * them, the server states what their absence means, {@code substitution.allowedBoolean = true}: the stored
 * prescription says the same as the one sent, and conforms to UK Core.
 */
final class SubstitutionStated {

    private SubstitutionStated() {
    }

    /** Whether the resource changed. */
    static boolean state(IBaseResource resource) {
        if (resource instanceof MedicationRequest request && !request.hasSubstitution()) {
            request.getSubstitution().setAllowed(new BooleanType(true));
            return true;
        }
        return false;
    }
}
