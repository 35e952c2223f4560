package health.cura.fhir.gdpr;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.grant.SmartScope.Interaction;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.ServerOrigin;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /fhir/{clinic}/Consent/{id}/$withdraw}: the patient withdraws a consent. The Consent becomes inactive
 * (its row {@code withdrawn}, with {@code withdrawn_at} set once) and the row's {@code metadata.withdrawal} records
 * when, how (the method the patient used) and by whom it was recorded; it applies from the next request on. A consent
 * already withdrawn is answered as it is.
 */
public class WithdrawConsentOperation implements CuraOperation {

    /** How a patient may withdraw. */
    private static final Set<String> METHODS = Set.of("digital", "paper", "verbal", "email", "phone", "in_person");

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("withdraw", "Withdraw a consent",
                    "Records that the patient withdrew the consent: when, by which method and with what reason. "
                            + "The Consent becomes inactive, its gdpr_consents row withdrawn, from the next request "
                            + "on. Withdrawing a withdrawn consent changes nothing.")
            .instance("Consent")
            .changesState()
            .in("method", "code", 1, "1", "how the patient withdrew: digital | paper | verbal | email | phone | "
                    + "in_person")
            .in("reason", "string", 0, "1", "the patient's reason, if they gave one")
            .out("return", "Consent", 1, "1", "the consent, withdrawn")
            .build();

    private final DaoRegistry daos;
    private final TransactionTemplate transactions;
    private final ResourceLinks links;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public WithdrawConsentOperation(DaoRegistry daos, TransactionTemplate transactions, ResourceLinks links,
            JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.daos = daos;
        this.transactions = transactions;
        this.links = links;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Consent", Interaction.READ,
                Interaction.UPDATE), RoleNeed.of(ClinicModules.GDPR, StaffAction.EDIT));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$withdraw", type = Consent.class, idempotent = false)
    public Consent withdraw(@IdParam IdType consentId, @OperationParam(name = "method", min = 1) CodeType method,
            @OperationParam(name = "reason") StringType reason, RequestDetails request) {
        String how = method == null ? null : method.getValue();
        if (how == null || !METHODS.contains(how)) {
            throw Refusals.badParameter("method", "method is required: one of digital, paper, verbal, email, phone, "
                    + "in_person");
        }
        String why = reason == null || reason.getValue() == null || reason.getValue().isBlank() ? null
                : reason.getValue().trim();
        if (why != null && why.length() > 1000) {
            throw Refusals.badParameter("reason", "reason is at most 1000 characters");
        }
        return transactions.execute(status -> {
            var dao = daos.getResourceDao(Consent.class);
            Consent consent = dao.read(new IdType("Consent", consentId.getIdPart()), request);
            if (consent == null) {
                throw new ResourceNotFoundException(new IdType("Consent", consentId.getIdPart()));
            }
            if (consent.getStatus() == Consent.ConsentState.INACTIVE && !expired(consent)) {
                return consent;
            }
            // inactive is "withdrawn" once no Cura code says otherwise
            consent.getStatusElement().getExtension().removeIf(e -> CuraCanonical.CURA_CODE_EXTENSION
                    .equals(e.getUrl()));
            consent.setStatus(Consent.ConsentState.INACTIVE);
            Consent stored = (Consent) dao.update(consent, request).getResource();
            int row = links.rowId(request.getTenantId(), "Consent", consentId.getIdPart()).orElseThrow(() ->
                    Refusals.refused("Consent", "Consent/" + consentId.getIdPart() + " has no gdpr_consents row"));
            ObjectNode withdrawal = json.createObjectNode().put("at", Instant.now(clock).toString())
                    .put("method", how);
            if (why != null) {
                withdrawal.put("reason", why);
            }
            RequestGrants.of(request).flatMap(AccessGrant::userRowId).ifPresent(user -> withdrawal.put("recordedBy",
                    user));
            ServerOrigin.mark(jdbc);
            jdbc.update("UPDATE gdpr_consents SET metadata = coalesce(metadata, '{}'::jsonb) "
                    + "|| jsonb_build_object('withdrawal', ?::jsonb) WHERE organization_id = (SELECT o.id FROM "
                    + "organizations o WHERE o.subdomain = ?) AND id = ?", withdrawal.toString(),
                    request.getTenantId(), row);
            return stored == null ? consent : stored;
        });
    }

    private static boolean expired(Consent consent) {
        return consent.getStatusElement().getExtension().stream()
                .anyMatch(e -> CuraCanonical.CURA_CODE_EXTENSION.equals(e.getUrl())
                        && e.getValue() instanceof org.hl7.fhir.r4.model.Coding coding
                        && "expired".equals(coding.getCode()));
    }
}
