package health.cura.fhir.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import health.cura.fhir.operations.DeclaredOperation.Level;
import health.cura.fhir.support.ServerTest;
import health.cura.fhir.support.SmartApp;
import health.cura.fhir.support.SmartBrowser;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a base's CapabilityStatement lists is what can be called there: every listed operation has a declaration (an
 * access rule) and a stored definition under its canonical URL; HAPI's administrative operations are listed nowhere
 * and refused to every token, naming the operation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationDeclarationsTest extends ServerTest {

    private static final String REDIRECT = "http://localhost/operations-app";
    private static final List<String> ADMINISTRATIVE = List.of("$expunge", "$mark-all-resources-for-reindexing",
            "$perform-reindexing-pass", "$reindex-terminology", "$get-resource-counts",
            "$hapi.fhir.replace-references", "$hapi.fhir.undo-replace-references");

    @Autowired
    OperationCatalog catalog;

    private String clinic;

    @BeforeAll
    void clinic() {
        clinic = newTenant("ops");
    }

    @Test
    void everyOperationListedHasAnAccessRuleAndAStoredDefinition() {
        for (String base : List.of(clinic, "DEFAULT")) {
            List<Listed> listed = listed(base);
            assertThat(listed).as("operations listed at " + base).isNotEmpty();
            for (Listed operation : listed) {
                assertThat(catalog.find("$" + operation.name(), operation.level(), operation.type()))
                        .as("declaration of $%s on %s at %s", operation.name(), operation.type(), base).isPresent();
                HttpResponse<String> found = get("/" + base + "/OperationDefinition?url=" + operation.definition());
                assertThat(found.statusCode()).isEqualTo(200);
                List<String> definitions = entries(found.body());
                assertThat(definitions).as("stored definition " + operation.definition()).hasSize(1);
                OperationDefinition definition =
                        FHIR.newJsonParser().parseResource(OperationDefinition.class, definitions.get(0));
                assertThat(definition.getCode()).isEqualTo(operation.name());
                if (operation.level() == Level.SYSTEM) {
                    assertThat(definition.getSystem()).as(operation.definition() + " is on the system").isTrue();
                } else {
                    assertThat(definition.getType() || definition.getInstance()).isTrue();
                }
            }
        }
    }

    @Test
    void eachBaseListsTheOperationsThatCanBeCalledThere() {
        assertThat(systemOperations(clinic)).contains("smart-launch", "register-client", "export")
                .doesNotContain("create-tenant");
        assertThat(systemOperations("DEFAULT")).contains("create-tenant", "register-client")
                .doesNotContain("smart-launch", "export");
        List<String> administrative = ADMINISTRATIVE.stream().map(name -> name.substring(1)).toList();
        for (String base : List.of(clinic, "DEFAULT")) {
            assertThat(listed(base)).extracting(Listed::name).doesNotContainAnyElementsOf(administrative)
                    .doesNotContain("meta", "binary-access-read", "hapi.fhir.merge");
        }
    }

    @Test
    void administrativeOperationsAreRefusedToClinicTokensStaffAndThePlatformNamingTheOperation() {
        staffMember(clinic, "ops.admin", "ops-password", "admin");
        SmartApp app = new SmartApp(base(), tokenEndpoint(), clinic, clientRegistrar.registerSmartApp(clinic,
                "Operations", Set.of(REDIRECT), Set.of("openid", "fhirUser", "user/*.cruds"), null).getClientId(),
                REDIRECT);
        String verifier = SmartApp.verifier();
        String staff = app.exchange(app.codeOf(new SmartBrowser(port).authorizeSigningIn(
                app.authorizeUrl("openid fhirUser user/*.cruds", verifier, Map.of()), "ops.admin", "ops-password")),
                verifier).get("access_token").asText();
        String patient = createPatient(client(clinic), "Unexpunged").getIdPart();

        for (String operation : ADMINISTRATIVE) {
            for (String token : List.of(token(clinic), staff)) {
                assertRefused(http("POST", "/" + clinic + "/" + operation, "{\"resourceType\":\"Parameters\"}",
                        "application/fhir+json", "Authorization", "Bearer " + token), operation);
            }
            assertRefused(http("POST", "/DEFAULT/" + operation, "{\"resourceType\":\"Parameters\"}",
                    "application/fhir+json"), operation);
        }
        assertRefused(http("POST", "/" + clinic + "/Patient/" + patient + "/$expunge",
                "{\"resourceType\":\"Parameters\"}", "application/fhir+json"), "$expunge");
        assertRefused(get("/" + clinic + "/Patient/" + patient + "/$meta"), "$meta");
        assertThat(get("/" + clinic + "/Patient/" + patient).statusCode()).as("nothing expunged").isEqualTo(200);
    }

    @Test
    void eachOfOurDefinitionsMatchesItsProviderMethod() {
        assertThat(catalog.ours()).extracting(DeclaredOperation::name)
                .contains("$create-tenant", "$register-client", "$smart-launch");
        for (CuraOperation operation : catalog.ours()) {
            Method provider = providerMethod(operation);
            assertThat(provider.getAnnotation(Operation.class).name()).isEqualTo(operation.name());
            List<String> declared = new ArrayList<>();
            for (Parameter parameter : provider.getParameters()) {
                OperationParam param = parameter.getAnnotation(OperationParam.class);
                if (param != null) {
                    declared.add(param.name() + " " + param.min() + ".." + maximum(param));
                }
            }
            List<String> defined = operation.definition().getParameter().stream()
                    .filter(p -> p.getUse() == OperationDefinition.OperationParameterUse.IN)
                    .map(p -> p.getName() + " " + p.getMin() + ".." + p.getMax())
                    .toList();
            assertThat(defined).as(operation.name() + "'s input parameters").isEqualTo(declared);
            assertThat(operation.definition().getUrl()).startsWith("https://fhir.cura.health/OperationDefinition/");
        }
    }

    private static String maximum(OperationParam param) {
        if (param.max() == OperationParam.MAX_UNLIMITED) {
            return "*";
        }
        return param.max() == OperationParam.MAX_DEFAULT ? "1" : Integer.toString(param.max());
    }

    private static Method providerMethod(CuraOperation operation) {
        for (Method method : AopUtils.getTargetClass(operation).getMethods()) {
            if (method.isAnnotationPresent(Operation.class)) {
                return method;
            }
        }
        throw new AssertionError(operation.name() + " has no @Operation method");
    }

    private static void assertRefused(HttpResponse<String> response, String operation) {
        assertThat(response.statusCode()).as(operation).isEqualTo(403);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(operation);
    }

    private List<String> systemOperations(String base) {
        return listed(base).stream().filter(l -> l.level() == Level.SYSTEM).map(Listed::name).toList();
    }

    private record Listed(String name, Level level, String type, String definition) {}

    private List<Listed> listed(String base) {
        CapabilityStatement statement = FHIR.newJsonParser().parseResource(CapabilityStatement.class,
                anonymousGet("/" + base + "/metadata").body());
        List<Listed> listed = new ArrayList<>();
        for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
            for (CapabilityStatementRestResourceOperationComponent op : rest.getOperation()) {
                listed.add(new Listed(op.getName(), Level.SYSTEM, null, op.getDefinition()));
            }
            for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                for (CapabilityStatementRestResourceOperationComponent op : resource.getOperation()) {
                    Level level = catalog.find("$" + op.getName(), Level.TYPE, resource.getType()).isPresent()
                            ? Level.TYPE : Level.INSTANCE;
                    listed.add(new Listed(op.getName(), level, resource.getType(), op.getDefinition()));
                }
            }
        }
        return listed;
    }
}
