package health.cura.fhir.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.mappings.patient.NhsNumber;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * An NHS number is stored as its ten digits, however it was written ("999 181 9622", "999-181-9622"): NHS systems
 * search {@code identifier=https://fhir.nhs.uk/Id/nhs-number|9991819622}, and a stored "999 181 9622" would never
 * match. A value that is not ten digits once its separators are gone is left as written for the validator to refuse.
 */
@FhirHooks(scope = HookScope.ALL_WRITES, phase = Phase.ASSIGN_PROFILE)
@Interceptor
public class NhsNumberNormalization {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");
    private static final Pattern TEN_DIGITS = Pattern.compile("\\d{10}");

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Phase.ASSIGN_PROFILE_ORDER)
    public void creating(IBaseResource resource) {
        normalize(resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Phase.ASSIGN_PROFILE_ORDER)
    public void updating(IBaseResource oldResource, IBaseResource newResource) {
        normalize(newResource);
    }

    static void normalize(IBaseResource resource) {
        if (!(resource instanceof Patient patient)) {
            return;
        }
        boolean changed = false;
        for (Identifier identifier : patient.getIdentifier()) {
            if (NhsNumber.SYSTEM.equals(identifier.getSystem()) && identifier.hasValue()) {
                String digits = digitsOf(identifier.getValue());
                if (!digits.equals(identifier.getValue()) && TEN_DIGITS.matcher(digits).matches()) {
                    identifier.setValue(digits);
                    changed = true;
                }
            }
        }
        if (changed) {
            RequestBody.forget(patient);
        }
    }

    static String digitsOf(String written) {
        return SEPARATORS.matcher(written).replaceAll("");
    }
}
