package health.cura.fhir.gdpr;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * How long a patient's records are kept after they ask for erasure, by the NHS Records Management Code of Practice
 * (2021, as updated in 2023), which for a private clinic is guidance and so is configurable per clinic:
 * <ul>
 *   <li>clinical records, by the clinic's kind of care: general (an adult's 8 years after the conclusion of treatment;
 *       a child's until their 25th birthday, or 26th if they were 17 when treatment ended, and never less than 8
 *       years), maternity 25 years, mental health 20 years, oncology 30 years after the conclusion of treatment;
 *   <li>financial records (invoices, payments, claims): 6 years after the end of the accounting period they fall in
 *       (the clinic's financial year end).
 * </ul>
 * The conclusion of treatment is the latest of the patient's clinical records. Pure: dates in, dates out.
 */
public final class RetentionRules {

    /** The periods a clinic keeps records for, in years, and its financial year's last day. */
    public record Periods(int adultYears, int childUntilAge, int childUntilAgeIf17, int maternityYears,
            int mentalHealthYears, int oncologyYears, int financialYears, MonthDay financialYearEnd) {

        /** The Code's defaults, the financial year ending on 31 March. */
        public static Periods nhsCode() {
            return new Periods(8, 25, 26, 25, 20, 30, 6, MonthDay.of(3, 31));
        }
    }

    /** The clinic's kind of care, which decides its clinical records' class. */
    public enum CareKind { GENERAL, MATERNITY, MENTAL_HEALTH, ONCOLOGY }

    /** Until when a class of records is kept, and the rule that says so, in words for the report. */
    public record Kept(LocalDate until, String rule) {}

    private RetentionRules() {}

    public static Kept clinical(CareKind kind, Periods periods, LocalDate birthDate, LocalDate concluded) {
        return switch (kind) {
            case MATERNITY -> new Kept(concluded.plusYears(periods.maternityYears()), "Maternity records: "
                    + periods.maternityYears() + " years after the conclusion of treatment (NHS Records Management "
                    + "Code of Practice)");
            case MENTAL_HEALTH -> new Kept(concluded.plusYears(periods.mentalHealthYears()), "Mental health records: "
                    + periods.mentalHealthYears() + " years after the conclusion of treatment (NHS Records "
                    + "Management Code of Practice)");
            case ONCOLOGY -> new Kept(concluded.plusYears(periods.oncologyYears()), "Oncology records: "
                    + periods.oncologyYears() + " years after the conclusion of treatment (NHS Records Management "
                    + "Code of Practice)");
            case GENERAL -> general(periods, birthDate, concluded);
        };
    }

    private static Kept general(Periods periods, LocalDate birthDate, LocalDate concluded) {
        LocalDate adult = concluded.plusYears(periods.adultYears());
        if (birthDate == null || !concluded.isBefore(birthDate.plusYears(18))) {
            return new Kept(adult, "Adult health records: " + periods.adultYears() + " years after the conclusion of "
                    + "treatment (NHS Records Management Code of Practice)");
        }
        boolean seventeen = !concluded.isBefore(birthDate.plusYears(17));
        int age = seventeen ? periods.childUntilAgeIf17() : periods.childUntilAge();
        LocalDate birthday = birthDate.plusYears(age);
        return new Kept(birthday.isAfter(adult) ? birthday : adult, "Children's health records: until the "
                + ordinal(age) + " birthday" + (seventeen ? " (17 at the conclusion of treatment)" : "") + ", and at "
                + "least " + periods.adultYears() + " years after the conclusion of treatment (NHS Records "
                + "Management Code of Practice)");
    }

    public static Kept financial(Periods periods, LocalDate lastRecord) {
        MonthDay end = periods.financialYearEnd();
        LocalDate periodEnd = end.atYear(lastRecord.getYear());
        if (periodEnd.isBefore(lastRecord)) {
            periodEnd = end.atYear(lastRecord.getYear() + 1);
        }
        return new Kept(periodEnd.plusYears(periods.financialYears()), "Financial records: " + periods.financialYears()
                + " years after the end of the accounting period (" + periodEnd + "), a legal obligation (UK GDPR "
                + "Art. 17(3)(b))");
    }

    private static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
