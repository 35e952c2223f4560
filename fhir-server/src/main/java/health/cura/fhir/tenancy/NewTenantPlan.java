package health.cura.fhir.tenancy;

/**
 * The package a clinic created by {@code $create-tenant} subscribes to (the platform's SaaS provides it). Checked
 * before the clinic is made, so that a bad package creates nothing; started once the clinic is new.
 */
public interface NewTenantPlan {

    /** Refuses (4xx) an unknown or withdrawn package, or a trial that is not 0 to 365 days. */
    void check(String packageId, Integer trialDays);

    /** Subscribes the new clinic (in trial for {@code trialDays} when given), recording that {@code actor} did. */
    void start(Tenant clinic, String packageId, Integer trialDays, String actor);
}
