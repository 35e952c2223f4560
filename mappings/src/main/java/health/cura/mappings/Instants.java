package health.cura.mappings;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.hl7.fhir.r4.model.DateTimeType;

/**
 * Cura timestamps are {@code timestamp} columns holding UTC; FHIR carries them with an offset. Millisecond precision
 * is what HAPI's date types keep, so that is what round trips.
 */
public final class Instants {

    private Instants() {}

    public static Date toDate(LocalDateTime utc) {
        return utc == null ? null : Date.from(utc.toInstant(ZoneOffset.UTC));
    }

    public static DateTimeType toDateTime(LocalDateTime utc) {
        if (utc == null) {
            return null;
        }
        DateTimeType value = new DateTimeType(toDate(utc));
        value.setTimeZoneZulu(true);
        return value;
    }

    public static LocalDateTime toUtc(Date date) {
        return date == null ? null : LocalDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
    }
}
