package health.cura.fhir.subscriptions;

import java.util.Optional;

/**
 * What a clinic uses of its plan, each with the package feature that limits it. Patients, users and storage are kept
 * in {@code cura_clinic_usage} by V27's triggers as the rows are written; API calls in {@code cura_api_calls}.
 */
public enum Measure {
    /** Active patients. */
    PATIENTS("patients", "maxPatients", 1),
    /** Active staff accounts (not patients' portal accounts, not the clinic's inactive placeholder clinician). */
    USERS("users", "maxUsers", 1),
    /** Bytes of binaries and attachments; the limit is in GB (2^30 bytes). */
    STORAGE("storage", "storageGB", 1L << 30),
    /** FHIR requests made with the clinic's tokens this calendar month (UTC). */
    API_CALLS("apiCalls", "apiCallsPerMonth", 1);

    private final String column;
    private final String feature;
    private final long unit;

    Measure(String column, String feature, long unit) {
        this.column = column;
        this.feature = feature;
        this.unit = unit;
    }

    /** The name in {@code cura_clinic_usage.measure} and in {@code $usage}'s answer. */
    public String key() {
        return column;
    }

    /** The package feature that limits it ({@code maxPatients}). */
    public String feature() {
        return feature;
    }

    /** How many of the measure's units one of the limit's makes (bytes in a GB). */
    public long unit() {
        return unit;
    }

    public static Optional<Measure> ofKey(String key) {
        for (Measure measure : values()) {
            if (measure.column.equals(key)) {
                return Optional.of(measure);
            }
        }
        return Optional.empty();
    }
}
