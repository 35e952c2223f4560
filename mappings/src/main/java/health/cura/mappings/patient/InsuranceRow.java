package health.cura.mappings.patient;

import java.time.LocalDate;

/**
 * {@code patients.insurance_info} (jsonb {@code {"provider", "policyNumber", "groupNumber", "validFrom", "validTo"}})
 * and {@code patients.is_insured}: the patient's Coverage.
 */
public record InsuranceRow(
        String provider, String policyNumber, String groupNumber, LocalDate validFrom, LocalDate validTo,
        boolean insured) {}
