package health.cura.fhir.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderOperationNamed;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderOperationNamedAndScoped;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOp;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleFinished;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleTester;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthorizationSearchParamMatcher;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.grant.SmartScope;
import health.cura.fhir.grant.SmartScope.Interaction;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.fhir.hapi.SearchOperations;
import health.cura.fhir.operations.DeclaredOperation;
import health.cura.fhir.operations.OperationCatalog;
import health.cura.fhir.operations.Where;
import health.cura.fhir.tenancy.SharedConformanceTypes;
import health.cura.fhir.tenancy.TenantPartitionInterceptor;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/**
 * Turns a request's access token into HAPI authorization rules, denying whatever no rule allows:
 * <ul>
 *   <li>a clinic's token works on that clinic's URL only (403 elsewhere);
 *   <li>each SMART scope allows its interactions on its type: {@code patient/} scopes within the compartment of the
 *       patient in context, {@code user/} and {@code system/} scopes across the clinic;
 *   <li>the shared conformance resources can be read with any token; only the platform writes them;
 *   <li>operations are allowed as their declarations in the {@link OperationCatalog} say, and no other.
 * </ul>
 * Requests without a token never get here, except {@code metadata}: the servlet's security filter refuses them.
 */
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.AUTHORIZE)
public class ScopeAuthorizationInterceptor extends AuthorizationInterceptor {

    /**
     * Types outside the patient compartment that a patient's records point at (who treated them, where, with what).
     * A {@code patient/} scope that covers them may read them: they hold no other patient's data, and without them
     * an app could not show who wrote a result, nor get {@code $everything}.
     */
    private static final List<String> CARE_CONTEXT_TYPES = List.of("Practitioner", "PractitionerRole", "Organization",
            "Location", "Medication", "HealthcareService", "Endpoint", "Substance");

    private final OperationCatalog operations;
    private final FhirContext fhir;

    public ScopeAuthorizationInterceptor(
            IAuthorizationSearchParamMatcher searchParamMatcher, OperationCatalog operations, FhirContext fhir) {
        super(PolicyEnum.DENY);
        this.operations = operations;
        this.fhir = fhir;
        setAuthorizationSearchParamMatcher(searchParamMatcher);
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        RuleBuilder rules = new RuleBuilder();
        rules.allow("capabilities").metadata();
        AccessGrant grant = RequestGrants.of(request).orElse(null);
        if (grant == null) {
            return rules.denyAll("This request needs an access token").build();
        }
        String tenant = request.getTenantId();
        if (TenantPartitionInterceptor.DEFAULT_TENANT.equals(tenant)) {
            return sharedPartitionRules(rules, grant);
        }
        if (!grant.isFor(tenant)) {
            return rules.denyAll("This access token was not issued for this clinic").build();
        }
        for (String type : SharedConformanceTypes.all()) {
            rules.allow("shared conformance resources").read().resourcesOfType(type).withAnyId();
        }
        // The audit trail is written by the server alone, whatever a token's scopes say.
        rules.deny("The audit trail is read-only").write().resourcesOfType("AuditEvent").withAnyId();
        rules.deny("The audit trail is read-only").delete().resourcesOfType("AuditEvent").withAnyId();
        for (SmartScope scope : grant.resourceScopes()) {
            if (scope.context() == SmartScope.Context.PATIENT && grant.patient().isEmpty()) {
                continue; // a patient scope without a patient in context reaches nothing
            }
            addScopeRules(rules, scope, grant);
        }
        if (grant.readsEveryType()) {
            // Bulk export writes whole types out, and its files are Binary resources: only for a backend service
            // that may read every type of the clinic.
            rules.allow("bulk export").bulkExport().any();
        }
        allowOperations(rules, grant, Where.CLINIC);
        rules.allow("transactions").transaction().withAnyOperation().andApplyNormalRules();
        if (grant.resourceScopes().stream().anyMatch(s -> s.permits(Interaction.UPDATE))) {
            rules.allow("patch").patch().allRequests();
        }
        return rules.denyAll("No scope of this access token permits this request").build();
    }

    private List<IAuthRule> sharedPartitionRules(RuleBuilder rules, AccessGrant grant) {
        for (String type : SharedConformanceTypes.all()) {
            rules.allow("shared conformance resources").read().resourcesOfType(type).withAnyId();
            if (grant.platform()) {
                rules.allow("platform conformance writes").write().resourcesOfType(type).withAnyId();
                rules.allow("platform conformance deletes").delete().resourcesOfType(type).withAnyId();
            }
        }
        allowOperations(rules, grant, Where.PLATFORM);
        if (grant.platform()) {
            rules.allow("platform bundles").transaction().withAnyOperation().andApplyNormalRules();
        }
        return rules.denyAll(grant.platform()
                ? "The platform's token does not reach this"
                : "The shared partition is the platform's; this access token may only read its definitions").build();
    }

    /** The declared operations whose access rule lets this token call them here, at the levels they are on. */
    private void allowOperations(RuleBuilder rules, AccessGrant grant, Where where) {
        for (DeclaredOperation operation : operations.all()) {
            if (!operation.access().allows(grant, where)) {
                continue;
            }
            for (DeclaredOperation.Level level : operation.levels()) {
                List<String> types = level == DeclaredOperation.Level.SYSTEM ? List.of("") : operation.types();
                for (String type : types.isEmpty() ? List.of("") : types) {
                    IAuthRuleBuilderOperationNamed named = rules.allow(operation.name()).operation()
                            .named(operation.name());
                    IAuthRuleBuilderOperationNamedAndScoped scoped = switch (level) {
                        case SYSTEM -> named.onServer();
                        case TYPE -> type.isEmpty() ? named.onAnyType() : named.onType(typeClass(type));
                        case INSTANCE -> type.isEmpty()
                                ? named.onAnyInstance() : named.onInstancesOfType(typeClass(type));
                    };
                    if (operation.access().eachResourceChecked()) {
                        scoped.andRequireExplicitResponseAuthorization();
                    } else {
                        scoped.andAllowAllResponses();
                    }
                }
            }
        }
    }

    private Class<? extends IBaseResource> typeClass(String type) {
        return fhir.getResourceDefinition(type).getImplementingClass();
    }

    private static void addScopeRules(RuleBuilder rules, SmartScope scope, AccessGrant grant) {
        String name = "scope " + scope.resourceType();
        boolean reads = scope.permits(Interaction.READ);
        boolean searches = scope.permits(Interaction.SEARCH);
        if (reads || searches) {
            IAuthRuleTester onlyThese = reads && searches ? null : reads ? notSearch() : onlySearch();
            finish(restrict(scope, grant, applyType(rules.allow(name).read(), scope)), onlyThese);
            if (scope.context() == SmartScope.Context.PATIENT) {
                for (String type : CARE_CONTEXT_TYPES) {
                    if (scope.allTypes() || scope.resourceType().equals(type)) {
                        IAuthRuleBuilderRuleOpClassifier target = rules.allow(name).read().resourcesOfType(type);
                        finish(scope.restriction().isEmpty() ? target.withAnyId() : target.withFilter(scope.restriction()),
                                onlyThese);
                    }
                }
            }
        }
        boolean creates = scope.permits(Interaction.CREATE);
        boolean updates = scope.permits(Interaction.UPDATE);
        if (creates && updates) {
            finish(restrict(scope, grant, applyType(rules.allow(name).write(), scope)), null);
        } else if (creates) {
            finish(restrict(scope, grant, applyType(rules.allow(name).create(), scope)), null);
        } else if (updates) {
            finish(restrict(scope, grant, applyType(rules.allow(name).write(), scope)), notCreate());
        }
        if (scope.permits(Interaction.DELETE)) {
            IAuthRuleBuilderRuleOpClassifier target = scope.allTypes()
                    ? rules.allow(name).delete().allResources()
                    : rules.allow(name).delete().resourcesOfType(scope.resourceType());
            finish(restrict(scope, grant, target), null);
        }
    }

    private static IAuthRuleBuilderRuleOpClassifier applyType(IAuthRuleBuilderRuleOp op, SmartScope scope) {
        return scope.allTypes() ? op.allResources() : op.resourcesOfType(scope.resourceType());
    }

    /** Narrows a rule to the patient in context and to the scope's search restriction. */
    private static IAuthRuleFinished restrict(SmartScope scope, AccessGrant grant, IAuthRuleBuilderRuleOpClassifier target) {
        boolean patientContext = scope.context() == SmartScope.Context.PATIENT;
        boolean filtered = !scope.restriction().isEmpty();
        IdType patient = patientContext ? new IdType("Patient", grant.patient().orElseThrow()) : null;
        if (patientContext && filtered) {
            return target.inCompartmentWithFilter("Patient", patient, scope.restriction());
        }
        if (patientContext) {
            return target.inCompartment("Patient", patient);
        }
        if (filtered) {
            return target.withFilter(scope.restriction());
        }
        return target.withAnyId();
    }

    private static void finish(IAuthRuleFinished rule, IAuthRuleTester tester) {
        if (tester != null) {
            rule.withTester(tester);
        }
    }

    private static IAuthRuleTester onlySearch() {
        return when(request -> SearchOperations.isSearch(request.operation));
    }

    private static IAuthRuleTester notSearch() {
        return when(request -> !SearchOperations.isSearch(request.operation));
    }

    private static IAuthRuleTester notCreate() {
        return when(request -> request.operation != RestOperationTypeEnum.CREATE);
    }

    private static IAuthRuleTester when(Function<IAuthRuleTester.RuleTestRequest, Boolean> test) {
        return new IAuthRuleTester() {
            @Override
            public boolean matches(RuleTestRequest request) {
                return test.apply(request);
            }

            @Override
            public boolean matchesOutput(RuleTestRequest request) {
                return test.apply(request);
            }
        };
    }
}
