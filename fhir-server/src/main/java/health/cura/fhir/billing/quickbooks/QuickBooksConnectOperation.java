package health.cura.fhir.billing.quickbooks;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import com.fasterxml.jackson.databind.JsonNode;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.billing.BillingClinic;
import health.cura.fhir.billing.BillingOutcomes;
import health.cura.fhir.grant.SmartScope.Interaction;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tenancy.Tenant;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/**
 * {@code POST /fhir/{clinic}/$quickbooks-connect}: connects the clinic to its QuickBooks Online company with the
 * authorization code Intuit's sign-in gave back: the code is exchanged for tokens (kept encrypted), and the company's
 * name and country are read from it. Connecting again renews the connection; a company connected to another clinic is
 * refused (409).
 */
public class QuickBooksConnectOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("quickbooks-connect", "Connect QuickBooks Online",
                    "Exchanges the authorization code of the clinic's sign-in at Intuit for tokens (stored "
                            + "encrypted) and records the connection to the QuickBooks company (realmId).")
            .system()
            .changesState()
            .in("code", "string", 1, "1", "the authorization code Intuit sent to the redirect URI")
            .in("realmId", "string", 1, "1", "the QuickBooks company id Intuit sent with it")
            .in("redirectUri", "uri", 1, "1", "the redirect URI the sign-in was started with")
            .out("realmId", "string", 1, "1", "the company connected")
            .out("companyName", "string", 0, "1", "its name in QuickBooks")
            .out("country", "string", 0, "1", "its country in QuickBooks")
            .build();

    private final BillingClinic clinics;
    private final QuickBooksApi api;
    private final QuickBooksConnections connections;

    public QuickBooksConnectOperation(BillingClinic clinics, QuickBooksApi api, QuickBooksConnections connections) {
        this.clinics = clinics;
        this.api = api;
        this.connections = connections;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    /** Connecting the clinic's accounts is a setting of the clinic's, as registering an app is. */
    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Invoice", Interaction.READ),
                RoleNeed.of(ClinicModules.SETTINGS, StaffAction.EDIT));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$quickbooks-connect", idempotent = false)
    public Parameters connect(
            @OperationParam(name = "code", min = 1) StringType code,
            @OperationParam(name = "realmId", min = 1) StringType realmId,
            @OperationParam(name = "redirectUri", min = 1) UriType redirectUri,
            RequestDetails request) {
        Tenant clinic = clinics.of(request);
        String given = required(code, "code");
        String realm = required(realmId, "realmId");
        String redirect = redirectUri == null || redirectUri.getValue() == null ? "" : redirectUri.getValue().trim();
        if (!redirect.startsWith("https://") && !redirect.startsWith("http://localhost")) {
            throw BillingOutcomes.badParameter("redirectUri", "redirectUri must be the https URI the sign-in used");
        }
        if (!realm.matches("[0-9]{1,30}")) {
            throw BillingOutcomes.badParameter("realmId", "realmId must be a QuickBooks company id (digits)");
        }
        if (!api.configured()) {
            throw BillingOutcomes.refused("quickbooks", "This server has no QuickBooks app configured "
                    + "(cura.quickbooks.client-id)");
        }
        QuickBooksTokens tokens;
        JsonNode company;
        try {
            tokens = api.exchange(given, redirect);
            company = api.companyInfo(realm, tokens.accessToken());
        } catch (QuickBooksFault fault) {
            throw BillingOutcomes.refused("code", "QuickBooks refused the connection: " + fault.getMessage());
        }
        String name = company.path("CompanyName").asText(null);
        String country = company.path("Country").asText(null);
        try {
            connections.connect(clinic.id(), realm, tokens, name, country == null || country.length() != 2 ? null
                    : country);
        } catch (IllegalStateException taken) {
            throw new ResourceVersionConflictException("This QuickBooks company is connected to another clinic");
        }
        Parameters out = new Parameters();
        out.addParameter().setName("realmId").setValue(new StringType(realm));
        if (name != null) {
            out.addParameter().setName("companyName").setValue(new StringType(name));
        }
        if (country != null) {
            out.addParameter().setName("country").setValue(new StringType(country));
        }
        return out;
    }

    private static String required(StringType value, String name) {
        if (value == null || value.getValue() == null || value.getValue().isBlank()) {
            throw BillingOutcomes.badParameter(name, name + " is required");
        }
        return value.getValue().trim();
    }
}
