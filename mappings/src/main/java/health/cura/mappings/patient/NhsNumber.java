package health.cura.mappings.patient;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The NHS number: ten digits, the last a modulus 11 check digit over the first nine (weights 10 down to 2). A remainder
 * that gives check digit 10 means the nine digits are never issued.
 */
public final class NhsNumber {

    /** The UK Core identifier system. */
    public static final String SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

    private NhsNumber() {}

    /** True when {@code value} is ten digits whose last is the right check digit. */
    public static boolean isValid(String value) {
        if (value == null || value.length() != 10 || !value.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return checkDigit(value.substring(0, 9))
                .map(check -> check == value.charAt(9) - '0')
                .orElse(false);
    }

    /** The check digit for nine digits, or empty when no valid number starts with them. */
    public static Optional<Integer> checkDigit(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nineDigits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            return Optional.of(0);
        }
        return check == 10 ? Optional.empty() : Optional.of(check);
    }

    /**
     * A valid number in the 999 range, which the NHS sets aside for testing and never issues to a person: demo and test
     * data can never name a real patient.
     */
    public static String randomTestNumber(RandomGenerator random) {
        while (true) {
            String nine = "999" + String.format("%06d", random.nextInt(1_000_000));
            Optional<Integer> check = checkDigit(nine);
            if (check.isPresent()) {
                return nine + check.get();
            }
        }
    }
}
