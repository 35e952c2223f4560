package health.cura.fhir.identity.oauth;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.PlatformScopes;
import health.cura.fhir.grant.ClientPurposes;
import health.cura.fhir.grant.SmartScope;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.limits.RequestLimitsProperties;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.operations.Where;
import health.cura.fhir.tenancy.TenantPartitionInterceptor;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Registers an OAuth client of a clinic with the authorization server: {@code POST /fhir/DEFAULT/$register-client}
 * with a {@code tenant} (the platform's token), or {@code POST /fhir/{clinic}/$register-client} (a clinic
 * administrator's console: scope {@code cura/clients}, a role that may create {@code settings}). Kinds: {@code backend-service} (client credentials with a signed JWT,
 * {@code system/} scopes), {@code public-app} (a SMART app that cannot keep a secret: PKCE, refresh on
 * {@code offline_access}) and {@code confidential-app} (a SMART app that signs JWTs with its own key).
 */
public class RegisterClientOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("register-client", "Register an app or backend service",
                    "Registers an OAuth client with the authorization server. The platform registers any clinic's "
                            + "clients (naming the tenant) and the platform's console apps (kind platform-app) at "
                            + "/fhir/DEFAULT/; a clinic administrator's console (scope cura/clients, a role that may "
                            + "create settings) registers its own clinic's at the clinic's base.")
            .system()
            .changesState()
            .in("tenant", "string", 0, "1", "the clinic the client belongs to: required at DEFAULT (except for a "
                    + "platform-app), this clinic or left out at a clinic's base")
            .in("name", "string", 1, "1", "the client's name, shown on the sign-in page")
            .in("kind", "code", 1, "1", "backend-service | public-app | confidential-app | platform-app")
            .in("scope", "string", 1, "1", "the scopes it may ask for, space-separated: system/ scopes for a backend "
                    + "service; user/, patient/ and identity scopes (openid, fhirUser, offline_access, launch, ...) "
                    + "for an app; openid and cura/platform for a platform-app")
            .in("jwks", "string", 0, "1", "its public keys as a JWK Set (JSON): required for a backend service and a "
                    + "confidential app")
            .in("redirectUri", "uri", 0, "*", "where an app receives its authorization code: https, or http on "
                    + "localhost; at least one for an app")
            .in("requestsPerSecond", "integer", 0, "1", "the request rate the client is held to (429 above it), "
                    + "instead of the server's default (cura.limits.client-requests-per-second); a clinic may only "
                    + "lower it, the platform may set any")
            .in("purpose", "code", 0, "1", "care (default) | research | marketing | sharing: what the client uses "
                    + "patients' data for; a client for research, marketing or sharing receives only the data of "
                    + "patients with a granted, unexpired research, marketing or data_sharing consent")
            .out("client_id", "string", 1, "1", "the client's id")
            .out("tenant", "string", 0, "1", "the clinic it belongs to (none for a platform-app)")
            .build();

    /** Scopes an app may hold beside its SMART resource scopes. */
    private static final Set<String> IDENTITY_SCOPES = Set.of("openid", "fhirUser", "profile", "offline_access",
            "online_access", "launch", "launch/patient", PlatformScopes.CLIENTS);

    private final ClientRegistrar registrar;
    private final ClientTenants clinics;
    private final RequestLimitsProperties limits;

    public RegisterClientOperation(ClientRegistrar registrar, ClientTenants clinics, RequestLimitsProperties limits) {
        this.registrar = registrar;
        this.clinics = clinics;
        this.limits = limits;
    }

    @Operation(name = "$register-client", idempotent = false)
    public Parameters register(
            @OperationParam(name = "tenant") StringType tenant,
            @OperationParam(name = "name", min = 1) StringType name,
            @OperationParam(name = "kind", min = 1) StringType kind,
            @OperationParam(name = "scope", min = 1) StringType scope,
            @OperationParam(name = "jwks") StringType jwks,
            @OperationParam(name = "redirectUri", max = OperationParam.MAX_UNLIMITED) List<UriType> redirectUris,
            @OperationParam(name = "requestsPerSecond") IntegerType requestsPerSecond,
            @OperationParam(name = "purpose") org.hl7.fhir.r4.model.CodeType purpose,
            RequestDetails request) {
        if ("platform-app".equals(kind.getValue())) {
            return registerPlatformApp(name, scope, redirectUris, request);
        }
        String clinic = clinics.clinicOf(tenant, request);
        Set<String> scopes = new LinkedHashSet<>(List.of(scope.getValue().trim().split("\\s+")));
        Set<String> uris = new LinkedHashSet<>();
        if (redirectUris != null) {
            redirectUris.forEach(uri -> uris.add(uri.getValue()));
        }
        List<String> problems = new ArrayList<>();
        OptionalInt rate = rateOf(requestsPerSecond, request, problems);
        Optional<String> declared = purposeOf(purpose, problems);
        String keys = jwks == null ? null : jwks.getValue();
        RegisteredClient client;
        try {
            client = switch (kind.getValue()) {
                case "backend-service" -> {
                    requireScopes(scopes, Set.of(SmartScope.Context.SYSTEM), false, problems);
                    requireKeys(keys, problems);
                    yield problems.isEmpty()
                            ? registrar.registerBackendService(clinic, name.getValue(), keys, scopes, rate, declared)
                            : null;
                }
                case "public-app", "confidential-app" -> {
                    // an app acts for a signed-in user, or for the patient the user picked (launch/patient)
                    requireScopes(scopes, Set.of(SmartScope.Context.USER, SmartScope.Context.PATIENT), true,
                            problems);
                    requireRedirects(uris, problems);
                    boolean confidential = kind.getValue().equals("confidential-app");
                    if (confidential) {
                        requireKeys(keys, problems);
                    }
                    yield problems.isEmpty() ? registrar.registerSmartApp(
                            clinic, name.getValue(), uris, scopes, confidential ? keys : null, rate, declared)
                            : null;
                }
                default -> {
                    problems.add("kind must be backend-service, public-app, confidential-app or platform-app");
                    yield null;
                }
            };
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            client = null;
        }
        if (client == null) {
            throw new UnprocessableEntityException(String.join("; ", problems));
        }
        Parameters out = new Parameters();
        out.addParameter().setName("client_id").setValue(new StringType(client.getClientId()));
        out.addParameter().setName("tenant").setValue(new StringType(clinic));
        return out;
    }

    /** The declared purpose: empty for care (the default). */
    private static Optional<String> purposeOf(org.hl7.fhir.r4.model.CodeType purpose, List<String> problems) {
        String given = purpose == null ? null : purpose.getValue();
        if (given == null || ClientPurposes.CARE.equals(given)) {
            return Optional.empty();
        }
        if (!Set.of("research", "marketing", "sharing").contains(given)) {
            problems.add("purpose must be care, research, marketing or sharing");
            return Optional.empty();
        }
        return Optional.of(given);
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    /** The platform anywhere; a clinic administrator's console at its clinic, the role check following. */
    @Override
    public OperationAccess access() {
        return new OperationAccess(EnumSet.allOf(Where.class), (grant, where) -> where == Where.PLATFORM
                ? grant.platform()
                : grant.scopes().contains(PlatformScopes.CLIENTS) && grant.userRowId().isPresent(),
                RoleNeed.of(ClinicModules.SETTINGS, StaffAction.CREATE), false);
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    /** A console app of the platform's owners; only the platform registers one, at {@code DEFAULT}. */
    private Parameters registerPlatformApp(
            StringType name, StringType scope, List<UriType> redirectUris, RequestDetails request) {
        if (!TenantPartitionInterceptor.DEFAULT_TENANT.equals(request.getTenantId())) {
            throw new UnprocessableEntityException("A platform-app is registered by the platform, at /fhir/DEFAULT/");
        }
        Set<String> uris = new LinkedHashSet<>();
        if (redirectUris != null) {
            redirectUris.forEach(uri -> uris.add(uri.getValue()));
        }
        List<String> problems = new ArrayList<>();
        requireRedirects(uris, problems);
        for (String asked : scope.getValue().trim().split("\\s+")) {
            if (!Set.of("openid", PlatformScopes.PLATFORM).contains(asked)) {
                problems.add("a platform-app's scopes are openid and " + PlatformScopes.PLATFORM + ", not " + asked);
            }
        }
        if (!problems.isEmpty()) {
            throw new UnprocessableEntityException(String.join("; ", problems));
        }
        Parameters out = new Parameters();
        out.addParameter().setName("client_id").setValue(new StringType(
                registrar.registerPlatformApp(name.getValue(), uris).getClientId()));
        return out;
    }

    /**
     * The client's own rate, when one is asked for: a whole number of requests a second, at a clinic's base no more
     * than the server's default (a clinic must not raise its clients over what the server gives every client).
     */
    private OptionalInt rateOf(IntegerType asked, RequestDetails request, List<String> problems) {
        if (asked == null || asked.getValue() == null) {
            return OptionalInt.empty();
        }
        int rate = asked.getValue();
        double ceiling = limits.clientRequestsPerSecond();
        boolean platform = TenantPartitionInterceptor.DEFAULT_TENANT.equals(request.getTenantId());
        if (rate < 1) {
            problems.add("requestsPerSecond must be at least 1");
        } else if (!platform && ceiling > 0 && rate > ceiling) {
            problems.add("requestsPerSecond may be at most this server's client rate (" + (long) ceiling
                    + ") at a clinic's base; the platform may set more");
        }
        return OptionalInt.of(rate);
    }

    /** The clinic of the URL, or for the platform's call at {@code DEFAULT}, the one the {@code tenant} names. */
    private static void requireScopes(
            Set<String> scopes, Set<SmartScope.Context> contexts, boolean identityAllowed, List<String> problems) {
        for (String scope : scopes) {
            boolean fits = SmartScope.parse(scope).map(s -> contexts.contains(s.context())).orElse(false)
                    || identityAllowed && IDENTITY_SCOPES.contains(scope);
            if (!fits) {
                String allowed = contexts.stream().map(c -> c.name().toLowerCase(java.util.Locale.ROOT) + "/")
                        .sorted().collect(java.util.stream.Collectors.joining(" or "));
                problems.add("scope " + scope + " is not a " + allowed + " SMART scope"
                        + (identityAllowed ? " or an identity scope" : ""));
            }
        }
    }

    private static void requireKeys(String jwks, List<String> problems) {
        if (jwks == null || jwks.isBlank()) {
            problems.add("jwks (the client's public keys as a JWK Set) is required");
        }
    }

    private static void requireRedirects(Set<String> uris, List<String> problems) {
        if (uris.isEmpty()) {
            problems.add("at least one redirectUri is required");
        }
        for (String uri : uris) {
            try {
                URI parsed = URI.create(uri);
                boolean local = "http".equals(parsed.getScheme()) && ("localhost".equals(parsed.getHost())
                        || "127.0.0.1".equals(parsed.getHost()));
                if (!("https".equals(parsed.getScheme()) || local) || parsed.getFragment() != null) {
                    problems.add("redirectUri " + uri + " must be https (or http on localhost) without a fragment");
                }
            } catch (IllegalArgumentException e) {
                problems.add("redirectUri " + uri + " is not a URI");
            }
        }
    }
}
