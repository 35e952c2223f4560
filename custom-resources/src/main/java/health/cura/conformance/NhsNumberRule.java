package health.cura.conformance;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The NHS number's modulus 11 check as a FHIRPath invariant, so that any FHIR validator (the server's, {@code $validate},
 * a client's own) applies it: ten digits (spaces allowed between them), the last equal to
 * {@code (11 - (sum of the first nine weighted 10 down to 2) mod 11) mod 11}. A sum that gives 10 can never equal a
 * digit, which is right: such numbers are never issued.
 */
final class NhsNumberRule {

    private NhsNumberRule() {}

    static CuraInvariant invariant() {
        String digits = "value.replace(' ', '')";
        String weighted = IntStream.range(0, 9)
                .mapToObj(i -> digits + ".substring(" + i + ", 1).toInteger() * " + (10 - i))
                .collect(Collectors.joining(" + "));
        String expression = "system != '" + UkCore.NHS_NUMBER_SYSTEM + "' or ("
                + digits + ".matches('^[0-9]{10}$') and "
                + "((11 - ((" + weighted + ") mod 11)) mod 11) = " + digits + ".substring(9, 1).toInteger())";
        return new CuraInvariant("Patient.identifier", "cura-nhs-1",
                "An NHS number is ten digits and its last digit is the modulus 11 check digit of the first nine",
                expression);
    }
}
