package health.cura.mappings.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NhsNumberTest {

    @Test
    void acceptsPublishedExampleAndRejectsAlteredDigits() {
        // 943 476 5919 is the example the NHS Data Dictionary uses to explain the check digit.
        assertThat(NhsNumber.isValid("9434765919")).isTrue();
        assertThat(NhsNumber.isValid("9434765918")).isFalse();
        assertThat(NhsNumber.isValid("9434765910")).isFalse();
    }

    @Test
    void rejectsWrongShapes() {
        assertThat(NhsNumber.isValid(null)).isFalse();
        assertThat(NhsNumber.isValid("")).isFalse();
        assertThat(NhsNumber.isValid("943476591")).isFalse();
        assertThat(NhsNumber.isValid("94347659190")).isFalse();
        assertThat(NhsNumber.isValid("943 476 5919")).isFalse();
        assertThat(NhsNumber.isValid("94347A5919")).isFalse();
    }

    @Test
    void nineDigitsWhoseCheckWouldBeTenHaveNoValidNumber() {
        // A weighted sum with remainder 1 gives check digit 10: such nine digits start no valid number at all.
        String nine = null;
        for (int i = 0; i < 1000 && nine == null; i++) {
            String candidate = String.format("%09d", i);
            if (NhsNumber.checkDigit(candidate).isEmpty()) {
                nine = candidate;
            }
        }
        assertThat(nine).isNotNull();
        for (int d = 0; d <= 9; d++) {
            assertThat(NhsNumber.isValid(nine + d)).isFalse();
        }
    }

    @Property
    void generatedTestNumbersAreValidAndInTheTestRange(@ForAll @IntRange(min = 0) int seed) {
        String number = NhsNumber.randomTestNumber(new Random(seed));
        assertThat(number).startsWith("999").hasSize(10);
        assertThat(NhsNumber.isValid(number)).isTrue();
    }

    @Property
    void changingAnyOneDigitOfAValidNumberMakesItInvalid(
            @ForAll @IntRange(min = 0) int seed, @ForAll @IntRange(min = 0, max = 9) int position,
            @ForAll @IntRange(min = 1, max = 9) int delta) {
        String number = NhsNumber.randomTestNumber(new Random(seed));
        char[] digits = number.toCharArray();
        digits[position] = (char) ('0' + (digits[position] - '0' + delta) % 10);
        assertThat(NhsNumber.isValid(new String(digits))).isFalse();
    }
}
