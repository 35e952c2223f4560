package health.cura.fhir.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.support.ProfileValidator;
import health.cura.mappings.patient.NhsNumber;
import java.util.List;
import java.util.SplittableRandom;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** The Cura Patient profile's NHS number rule, as any HAPI validator with our package applies it. */
class NhsNumberRuleTest {

    private static final ProfileValidator VALIDATOR = new ProfileValidator(FhirContext.forR4Cached());

    @Test
    void validAndInvalidNumbers() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20; i++) {
            String valid = NhsNumber.randomTestNumber(random);
            assertThat(errors(valid)).as(valid).isEmpty();
            String wrong = valid.substring(0, 9) + ((valid.charAt(9) - '0' + 1 + random.nextInt(8)) % 10);
            assertThat(errors(wrong)).as(wrong).anyMatch(m -> m.contains("cura-nhs-1"));
        }
        assertThat(errors("999 000 0018")).isEmpty();
        assertThat(errors("99900000180")).anyMatch(m -> m.contains("cura-nhs-1"));
        assertThat(errors("999000001X")).anyMatch(m -> m.contains("cura-nhs-1"));
    }

    private static List<String> errors(String nhsNumber) {
        Patient patient = new Patient();
        patient.addName().setFamily("Rule");
        patient.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue(nhsNumber);
        return VALIDATOR.validate(patient, CuraCanonical.profile("cura-patient")).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(SingleValidationMessage::getMessage)
                .toList();
    }
}
