package health.cura.mappings.gdpr;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The deadline of a data subject request (UK GDPR / EU GDPR Art. 12(3)), as the ICO reads it: one calendar month from
 * the day of receipt to the corresponding date of the next month (the month's last day where it has no such date),
 * moved to the next working day when it falls on a weekend. The clock stops while the clinic waits for proof of the
 * requester's identity: the days from receipt to verification are added. A complex request, or one of many, may take
 * up to two further months. Bank holidays are not known here: the deadline may fall on one, which only shortens it.
 */
public final class StatutoryDeadline {

    /** The most further months a clinic may take. */
    public static final int MAX_EXTENSION_MONTHS = 2;

    private StatutoryDeadline() {}

    /**
     * @param verified the day identity was verified; null when it was verified at receipt or is not verified yet (no
     *     pause is counted: while identity is unverified the deadline is provisional, and moves on verification)
     */
    public static LocalDate due(LocalDate received, LocalDate verified, int extensionMonths) {
        if (extensionMonths < 0 || extensionMonths > MAX_EXTENSION_MONTHS) {
            throw new IllegalArgumentException("extension of " + extensionMonths + " months");
        }
        long paused = verified == null || !verified.isAfter(received) ? 0 : ChronoUnit.DAYS.between(received, verified);
        return workingDayFrom(received.plusMonths(1L + extensionMonths).plusDays(paused));
    }

    /** The first month's deadline, by which an extension must be decided and the patient told. */
    public static LocalDate firstMonth(LocalDate received, LocalDate verified) {
        return due(received, verified, 0);
    }

    private static LocalDate workingDayFrom(LocalDate day) {
        LocalDate working = day;
        while (working.getDayOfWeek() == DayOfWeek.SATURDAY || working.getDayOfWeek() == DayOfWeek.SUNDAY) {
            working = working.plusDays(1);
        }
        return working;
    }
}
