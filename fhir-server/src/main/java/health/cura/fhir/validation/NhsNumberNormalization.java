package health.cura.fhir.validation;

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
final class NhsNumberNormalization {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");
    private static final Pattern TEN_DIGITS = Pattern.compile("\\d{10}");

    private NhsNumberNormalization() {
    }

    /** Whether the resource changed. */
    static boolean normalize(IBaseResource resource) {
        if (!(resource instanceof Patient patient)) {
            return false;
        }
        boolean changed = false;
        for (Identifier identifier : patient.getIdentifier()) {
            if (NhsNumber.SYSTEM.equals(identifier.getSystem()) && identifier.hasValue()) {
                String digits = SEPARATORS.matcher(identifier.getValue()).replaceAll("");
                if (!digits.equals(identifier.getValue()) && TEN_DIGITS.matcher(digits).matches()) {
                    identifier.setValue(digits);
                    changed = true;
                }
            }
        }
        return changed;
    }
}
