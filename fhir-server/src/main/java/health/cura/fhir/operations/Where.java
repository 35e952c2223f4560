package health.cura.fhir.operations;

import health.cura.fhir.hapi.HapiJpaConfiguration;

/** The two kinds of FHIR base an operation can be called on. */
public enum Where {
    /** A clinic's base, {@code /fhir/{clinic}/}. */
    CLINIC,
    /** The platform's shared base, {@code /fhir/DEFAULT/}. */
    PLATFORM;

    /** The base a request's tenant id names. */
    public static Where of(String tenantId) {
        return HapiJpaConfiguration.DEFAULT_TENANT.equals(tenantId) ? PLATFORM : CLINIC;
    }
}
