package health.cura.fhir.gdpr;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.gdpr.RetentionRules.CareKind;
import health.cura.fhir.gdpr.RetentionRules.Periods;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The retention periods of the NHS Records Management Code of Practice, as the erasure applies them. */
class RetentionRulesTest {

    private static final Periods CODE = Periods.nhsCode();

    @Test
    void anAdultsRecordsAreKeptEightYearsAfterTheLastTreatment() {
        RetentionRules.Kept kept = RetentionRules.clinical(CareKind.GENERAL, CODE, LocalDate.of(1970, 5, 1),
                LocalDate.of(2026, 11, 30));
        assertThat(kept.until()).isEqualTo(LocalDate.of(2034, 11, 30));
        assertThat(kept.rule()).startsWith("Adult health records: 8 years");
    }

    @Test
    void aChildsRecordsAreKeptUntilTheTwentyFifthOrTwentySixthBirthday() {
        // treated at 10: until the 25th birthday (later than 8 years on)
        assertThat(RetentionRules.clinical(CareKind.GENERAL, CODE, LocalDate.of(2016, 4, 2),
                LocalDate.of(2026, 6, 1)).until()).isEqualTo(LocalDate.of(2041, 4, 2));
        // 17 when treatment ended: until the 26th birthday
        RetentionRules.Kept seventeen = RetentionRules.clinical(CareKind.GENERAL, CODE, LocalDate.of(2009, 1, 15),
                LocalDate.of(2026, 6, 1));
        assertThat(seventeen.until()).isEqualTo(LocalDate.of(2035, 1, 15));
        assertThat(seventeen.rule()).contains("26th birthday");
        // eleven days before the 18th birthday: still a child's record, until the 26th birthday
        assertThat(RetentionRules.clinical(CareKind.GENERAL, CODE, LocalDate.of(2008, 12, 20),
                LocalDate.of(2026, 12, 1)).until()).isEqualTo(LocalDate.of(2034, 12, 20));
    }

    @Test
    void specialistRecordsKeepTheirOwnPeriods() {
        LocalDate concluded = LocalDate.of(2026, 1, 10);
        assertThat(RetentionRules.clinical(CareKind.MATERNITY, CODE, null, concluded).until())
                .isEqualTo(LocalDate.of(2051, 1, 10));
        assertThat(RetentionRules.clinical(CareKind.MENTAL_HEALTH, CODE, null, concluded).until())
                .isEqualTo(LocalDate.of(2046, 1, 10));
        assertThat(RetentionRules.clinical(CareKind.ONCOLOGY, CODE, null, concluded).until())
                .isEqualTo(LocalDate.of(2056, 1, 10));
    }

    @Test
    void financialRecordsAreKeptSixYearsAfterTheEndOfTheirAccountingPeriod() {
        // an invoice of 4 April 2026 falls in the year to 31 March 2027
        assertThat(RetentionRules.financial(CODE, LocalDate.of(2026, 4, 4)).until())
                .isEqualTo(LocalDate.of(2033, 3, 31));
        assertThat(RetentionRules.financial(CODE, LocalDate.of(2026, 3, 31)).until())
                .isEqualTo(LocalDate.of(2032, 3, 31));
    }
}
