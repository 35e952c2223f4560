package health.cura.fhir.admin.clinic;

import health.cura.conformance.UkCore;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * What a receptionist types in the one patient search box, read as a FHIR search: ten digits (spaces allowed) are an
 * NHS number, a date (2 May 1990 written 1990-05-02 or 02/05/1990) a date of birth, anything else a name.
 */
public final class PatientSearchQuery {

    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("d/M/uuuu", Locale.UK);

    private PatientSearchQuery() {}

    /** The search parameters, names and values alternating; empty for a blank query. */
    public static List<String> of(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            return List.of();
        }
        String digits = text.replace(" ", "");
        if (digits.matches("\\d{10}")) {
            return List.of("identifier", UkCore.NHS_NUMBER_SYSTEM + "|" + digits);
        }
        for (DateTimeFormatter format : List.of(DateTimeFormatter.ISO_LOCAL_DATE, UK_DATE)) {
            try {
                return List.of("birthdate", LocalDate.parse(text, format).toString());
            } catch (DateTimeParseException notThisFormat) {
                // next format
            }
        }
        return List.of("name", text);
    }
}
