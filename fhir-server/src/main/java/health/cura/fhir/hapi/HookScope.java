package health.cura.fhir.hapi;

/** Which writes and requests an interceptor sees, and so where it is registered. */
public enum HookScope {
    /**
     * FHIR requests only: registered on the REST server. Its storage hooks fire for the writes a request makes, not
     * for the server's own DAO calls (tenant creation, the demo clinic, change capture).
     */
    REQUESTS,
    /**
     * Every write, by REST or by a direct DAO call: registered on HAPI's JPA interceptor service. Server pointcuts
     * ({@code SERVER_*}) never reach it.
     */
    ALL_WRITES
}
