package health.cura.mappings.gdpr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.time.api.constraints.DateRange;

class StatutoryDeadlineTest {

    @Example
    void oneCalendarMonthToTheCorrespondingDate() {
        // the ICO's example: received 3 September, answered by 3 October (a Saturday in 2026: Monday 5th)
        assertThat(StatutoryDeadline.due(LocalDate.of(2025, 9, 3), null, 0)).isEqualTo(LocalDate.of(2025, 10, 3));
        assertThat(StatutoryDeadline.due(LocalDate.of(2026, 9, 3), null, 0)).isEqualTo(LocalDate.of(2026, 10, 5));
    }

    @Example
    void aMonthWithoutTheDateEndsOnItsLastDay() {
        // 31 March 2027: 30 April 2027 is a Friday
        assertThat(StatutoryDeadline.due(LocalDate.of(2027, 3, 31), null, 0)).isEqualTo(LocalDate.of(2027, 4, 30));
        // 31 January 2028: 29 February 2028 (leap year) is a Tuesday
        assertThat(StatutoryDeadline.due(LocalDate.of(2028, 1, 31), null, 0)).isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @Example
    void waitingForProofOfIdentityStopsTheClock() {
        // received Monday 2 March 2026, identity proven 10 days later: 2 April + 10 days = Sunday 12 April, so Monday
        assertThat(StatutoryDeadline.due(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 12), 0))
                .isEqualTo(LocalDate.of(2026, 4, 13));
    }

    @Example
    void anExtensionAddsWholeMonths() {
        // one month and two further: 2 June 2026, a Tuesday
        assertThat(StatutoryDeadline.due(LocalDate.of(2026, 3, 2), null, 2)).isEqualTo(LocalDate.of(2026, 6, 2));
    }

    @Property(tries = 300)
    void theDeadlineIsAWorkingDayAtLeastAMonthAwayAndNoMoreThanTheMonthsAllowedPlusAWeekend(
            @ForAll @DateRange(min = "2020-01-01", max = "2035-12-31") LocalDate received,
            @ForAll @IntRange(min = 0, max = 60) int daysToVerify, @ForAll @IntRange(min = 0, max = 2) int months) {
        LocalDate verified = received.plusDays(daysToVerify);
        LocalDate due = StatutoryDeadline.due(received, verified, months);
        assertThat(due.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(due).isAfterOrEqualTo(received.plusMonths(1 + months).plusDays(daysToVerify));
        assertThat(ChronoUnit.DAYS.between(received.plusMonths(1 + months).plusDays(daysToVerify), due))
                .isLessThanOrEqualTo(2);
        assertThat(StatutoryDeadline.firstMonth(received, verified)).isBeforeOrEqualTo(due);
    }
}
