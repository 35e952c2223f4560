package health.cura.fhir.hapi;

/**
 * The phases every FHIR request passes, in order; a write passes all of them. Each of our HAPI interceptors names its
 * phase ({@link FhirHooks#phase()}); interceptors are registered in this order, and where several phases share one
 * HAPI pointcut (a write's storage pointcuts), their hooks take the order given here.
 *
 * <ol>
 *   <li>{@link #TENANT}: the partition of the URL's clinic.
 *   <li>{@link #ADMIT}: whether the request is small enough to run (search parameter limits); the clinic's share of
 *       the database pool is checked before HAPI, by a servlet filter.
 *   <li>{@link #AUTHORIZE}: what the token's scopes, the staff member's role and the operation's access rule allow.
 *   <li>{@link #ASSIGN_PROFILE}: the Cura profile declared on a mapped resource.
 *   <li>{@link #VALIDATE}: the resource checked against its profiles (HAPI's repository validator).
 *   <li>{@link #PREPARE_ROWS}: what the server supplies before storing (the clinic's business numbers).
 *   <li>{@link #STORE}: HAPI writes the resource.
 *   <li>{@link #PROJECT}: the Cura table rows written, in the same transaction.
 *   <li>{@link #AUDIT}: the audit trail rows, at commit for writes, when the answer leaves for reads.
 *   <li>{@link #RESPOND}: the answer checked and shaped (another clinic's data withheld, errors made safe, the
 *       CapabilityStatement completed).
 * </ol>
 */
public enum Phase {
    TENANT,
    ADMIT,
    AUTHORIZE,
    ASSIGN_PROFILE,
    VALIDATE,
    PREPARE_ROWS,
    STORE,
    PROJECT,
    AUDIT,
    RESPOND;

    // Hook orders on the pointcuts that several phases share. HAPI calls the hooks of one pointcut by ascending order.

    /** {@code STORAGE_PRESTORAGE_RESOURCE_*}: a role's write permission, before anything changes the resource. */
    public static final int AUTHORIZE_ORDER = -30;
    /** {@code STORAGE_PRESTORAGE_RESOURCE_*}: before validation, so that the profile is validated against. */
    public static final int ASSIGN_PROFILE_ORDER = -20;
    /** {@code STORAGE_PRESTORAGE_RESOURCE_*}: HAPI's repository validator has order 0. */
    public static final int VALIDATE_ORDER = 0;
    /** {@code STORAGE_PRESTORAGE_RESOURCE_*}: once validated, the resource claims the UK Core profile it met. */
    public static final int DECLARE_CONFORMANCE_ORDER = 50;
    /**
     * {@code STORAGE_PRESTORAGE_RESOURCE_*}: after validation, since drawing a business number locks the clinic's
     * counter row until commit, and the clinic's other writers should not also wait out this resource's validation.
     */
    public static final int PREPARE_ROWS_ORDER = 100;
    /** {@code STORAGE_PRECOMMIT_RESOURCE_*}: the rows of the stored resource. */
    public static final int PROJECT_ORDER = 0;
    /** {@code STORAGE_PRECOMMIT_RESOURCE_*}: after the projection, so that a new patient's row and link exist. */
    public static final int AUDIT_ORDER = 1000;
    /**
     * {@code SERVER_OUTGOING_RESPONSE}: after the authorization rules have checked the answer (order 0), and before
     * HAPI's response highlighter (10000), which writes the HTML page a browser asked for and ends the hook chain: an
     * answer shown in a browser is audited too.
     */
    public static final int AUDIT_RESPONSE_ORDER = 9_000;
}
