package health.cura.fhir.gdpr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A clinic's retention settings, {@code organizations.settings.gdpr.retention}: {@code careKind} (general, maternity,
 * mental_health, oncology), {@code adultYears}, {@code childUntilAge}, {@code childUntilAgeIf17},
 * {@code maternityYears}, {@code mentalHealthYears}, {@code oncologyYears}, {@code financialYears} and
 * {@code financialYearEnd} ({@code MM-DD}); each key left out takes the NHS Code's default. A value that is not
 * usable (a negative period, an unknown kind) is ignored for the default, never guessed at.
 */
public class ClinicRetention {

    /** What one clinic has set. */
    public record Settings(RetentionRules.CareKind careKind, RetentionRules.Periods periods) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ClinicRetention(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Settings of(int organizationId) {
        String text = jdbc.queryForObject("SELECT (settings -> 'gdpr' -> 'retention')::text FROM organizations "
                + "WHERE id = ?", String.class, organizationId);
        RetentionRules.Periods code = RetentionRules.Periods.nhsCode();
        if (text == null) {
            return new Settings(RetentionRules.CareKind.GENERAL, code);
        }
        JsonNode set;
        try {
            set = json.readTree(text);
        } catch (JsonProcessingException e) {
            return new Settings(RetentionRules.CareKind.GENERAL, code);
        }
        RetentionRules.CareKind kind = RetentionRules.CareKind.GENERAL;
        if (set.path("careKind").isTextual()) {
            try {
                kind = RetentionRules.CareKind.valueOf(set.get("careKind").asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                kind = RetentionRules.CareKind.GENERAL;
            }
        }
        MonthDay yearEnd = code.financialYearEnd();
        if (set.path("financialYearEnd").isTextual()) {
            try {
                yearEnd = MonthDay.parse("--" + set.get("financialYearEnd").asText());
            } catch (DateTimeParseException unreadable) {
                yearEnd = code.financialYearEnd();
            }
        }
        return new Settings(kind, new RetentionRules.Periods(years(set, "adultYears", code.adultYears()),
                years(set, "childUntilAge", code.childUntilAge()),
                years(set, "childUntilAgeIf17", code.childUntilAgeIf17()),
                years(set, "maternityYears", code.maternityYears()),
                years(set, "mentalHealthYears", code.mentalHealthYears()),
                years(set, "oncologyYears", code.oncologyYears()),
                years(set, "financialYears", code.financialYears()), yearEnd));
    }

    private static int years(JsonNode set, String key, int otherwise) {
        JsonNode value = set.get(key);
        return value != null && value.canConvertToInt() && value.asInt() >= 0 && value.asInt() <= 150
                ? value.asInt() : otherwise;
    }
}
