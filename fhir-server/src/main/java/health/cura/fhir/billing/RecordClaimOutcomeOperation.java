package health.cura.fhir.billing;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.SmartScope.Interaction;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tenancy.Tenant;
import health.cura.mappings.MappingContext;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.billing.ClaimMapper;
import health.cura.mappings.billing.ClaimOutcome;
import health.cura.mappings.billing.ClaimRow;
import health.cura.mappings.billing.Pence;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /fhir/{clinic}/Claim/{id}/$record-outcome}: records the insurer's decision on a submitted claim as its
 * ClaimResponse, and the insurer's payment on the claimed invoice (a {@code payments} row, bank transfer from the
 * insurer), so that what is left on the invoice is what the patient still owes. {@code approved} without an amount
 * is a decision to pay later; with one, the payment in full. Recording the same decision again answers the first
 * recording and pays nothing more.
 */
public class RecordClaimOutcomeOperation implements CuraOperation {

    private static final Set<String> OUTCOMES = Set.of("approved", "partially_paid", "denied");

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("record-outcome", "Record an insurer's decision on a claim",
                    "Records the insurer's decision on a submitted claim (approved, partially_paid, or denied with "
                            + "a reason) as its ClaimResponse, and what the insurer paid as a payment of the claimed "
                            + "invoice; what remains on the invoice is the patient's to pay. The same decision "
                            + "recorded again answers the first recording.")
            .instance("Claim")
            .changesState()
            .in("outcome", "code", 1, "1", "approved | partially_paid | denied")
            .in("amount", "Money", 0, "1",
                    "what the insurer pays: the claimed amount for approved (absent: paid later), less for "
                            + "partially_paid (required); none for denied")
            .in("reason", "string", 0, "1", "why the insurer denied the claim (required for denied)")
            .in("transactionId", "string", 0, "1",
                    "the insurer's remittance reference, kept with its payment (one remittance may pay several "
                            + "claims; the payment itself is the claim's, so a retry pays nothing twice)")
            .out("claimResponse", "ClaimResponse", 1, "1", "the insurer's decision as recorded")
            .out("payment", "PaymentReconciliation", 0, "1", "the insurer's payment of the invoice, if any")
            .out("patientOwes", "Money", 1, "1", "what is left for the patient to pay on the claimed invoice")
            .build();

    private final BillingWrites writes;
    private final BillingClinic clinics;
    private final PaymentRecorder recorder;
    private final InvoicePayments payments;
    private final ResourceLinks links;
    private final DaoRegistry daos;
    private final JdbcTemplate jdbc;
    private final ClaimRows claims;
    private final Clock clock;

    public RecordClaimOutcomeOperation(BillingWrites writes, BillingClinic clinics, PaymentRecorder recorder,
            InvoicePayments payments, ResourceLinks links, DaoRegistry daos, JdbcTemplate jdbc, ClaimRows claims,
            Clock clock) {
        this.writes = writes;
        this.clinics = clinics;
        this.recorder = recorder;
        this.payments = payments;
        this.links = links;
        this.daos = daos;
        this.jdbc = jdbc;
        this.claims = claims;
        this.clock = clock;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    /** Recording what the insurer paid changes the invoice: billing edit, as for any payment. */
    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Claim", Interaction.READ)
                        && grant.changesAcrossClinic("ClaimResponse", Interaction.CREATE, Interaction.UPDATE)
                        && grant.changesAcrossClinic("Invoice", Interaction.READ, Interaction.UPDATE)
                        && grant.changesAcrossClinic("PaymentReconciliation", Interaction.CREATE),
                RoleNeed.of(ClinicModules.BILLING, StaffAction.EDIT));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$record-outcome", type = Claim.class, idempotent = false)
    public Parameters record(
            @IdParam IdType claimId,
            @OperationParam(name = "outcome", min = 1) CodeType outcome,
            @OperationParam(name = "amount") Money amount,
            @OperationParam(name = "reason") StringType reason,
            @OperationParam(name = "transactionId") StringType transactionId,
            RequestDetails request) {
        Tenant clinic = clinics.of(request);
        BillingTerms terms = clinics.terms(clinic);
        String decided = outcome == null ? null : outcome.getValue();
        if (decided == null || !OUTCOMES.contains(decided)) {
            throw BillingOutcomes.badParameter("outcome", "outcome must be one of approved, partially_paid, denied");
        }
        String why = reason == null || reason.getValue() == null || reason.getValue().isBlank() ? null
                : reason.getValue().trim();
        BigDecimal paid = amount == null ? null : BillingClinic.amount(amount, "amount", terms);
        if ("denied".equals(decided) && why == null) {
            throw BillingOutcomes.badParameter("reason", "reason is required: why the insurer denied the claim");
        }
        if ("denied".equals(decided) && paid != null) {
            throw BillingOutcomes.badParameter("amount", "A denied claim pays nothing: leave amount out");
        }
        if ("partially_paid".equals(decided) && paid == null) {
            throw BillingOutcomes.badParameter("amount", "amount is required: what the insurer paid of the claim");
        }
        return writes.inTransaction(() -> {
            Claim claim = writes.read(Claim.class, claimId.getIdPart(), request);
            writes.lockRowOf(clinic.id(), "Claim", claimId.getIdPart(), "claims");
            Stored stored = stored(clinic, claimId.getIdPart());
            ClaimRow row = stored.row();
            Optional<ClaimResponse> previous = responseTo(claimId.getIdPart(), request);
            String status = status(decided, paid, row);
            if ("pending".equals(row.status())) {
                throw BillingOutcomes.refused("Claim.status", "This claim is a draft: submit it before recording "
                        + "the insurer's decision");
            }
            String invoice = SubmitClaimOperation.invoiceOf(claim);
            boolean settled = row.isDecided() && !"approved".equals(row.status());
            if (settled || "approved".equals(row.status()) && "approved".equals(status)) {
                boolean repeated = status.equals(row.status()) && Objects.equals(paid, row.paymentAmount());
                if (repeated && previous.isPresent()) {
                    return answer(previous.get(), firstPayment(clinic, transaction(clinic, row), request),
                            owed(clinic, invoice, row), terms);
                }
                throw BillingOutcomes.refused("outcome", "The insurer's decision on this claim is already recorded ("
                        + row.status() + ")");
            }
            PaymentReconciliation payment = null;
            if (paid != null && invoice != null) {
                String remittance = remittance(transactionId);
                payment = recorder.record(clinic, new IdType(invoice), request, transaction(clinic, row),
                        (locked, balance) -> {
                            if ("cancelled".equals(locked.status())) {
                                throw BillingOutcomes.refused("Invoice.status", "The claimed invoice was voided: "
                                        + "it takes no payment");
                            }
                            return new PaymentRecorder.Movement(balance.pay(paid), paid, terms.currency(),
                                    "bank_transfer", row.insuranceProvider(), "completed",
                                    "Insurer's payment of claim " + row.claimNumber()
                                            + (remittance == null ? "" : " (remittance " + remittance + ")"), true);
                        });
            }
            LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.SECONDS);
            ClaimRow after = row.withOutcome(new ClaimOutcome(status, paid, paid == null ? null : now,
                    "denied".equals(status) ? why : null));
            ClaimResponse response = ClaimMapper.toFhirResponse(after, new Reference("Claim/" + claimId.getIdPart()),
                    terms.currency(), stored.context()).orElseThrow();
            String responseId;
            if (previous.isPresent()) {
                ClaimResponse merged = ClaimMapper.ownedResponse().merge(previous.get(), response);
                responseId = previous.get().getIdElement().getIdPart();
                merged.setId(responseId);
                writes.update(merged, request);
            } else {
                responseId = writes.create(response, request);
            }
            return answer(writes.read(ClaimResponse.class, responseId, request), payment,
                    owed(clinic, invoice, after), terms);
        });
    }

    /** The claims status the decision gives. */
    private static String status(String decided, BigDecimal paid, ClaimRow row) {
        if ("approved".equals(decided) && paid != null) {
            if (paid.compareTo(row.amount()) != 0) {
                throw BillingOutcomes.refused("amount", "The insurer pays " + paid.toPlainString() + " of the "
                        + row.amount().toPlainString() + " claimed: record that as partially_paid");
            }
            return "paid";
        }
        if ("partially_paid".equals(decided) && paid.compareTo(row.amount()) >= 0) {
            throw BillingOutcomes.refused("amount", "The insurer pays the whole " + row.amount().toPlainString()
                    + " claimed: record that as approved");
        }
        return decided;
    }

    /**
     * The payment's transaction id: the claim's own, always the same, so that a retry finds the first payment. An
     * insurer's remittance reference may cover several claims, so it is kept in the payment's reason instead.
     */
    private static String transaction(Tenant clinic, ClaimRow row) {
        return "CLAIM-" + clinic.subdomain() + "-" + row.claimNumber();
    }

    private static String remittance(StringType given) {
        String reference = given == null || given.getValue() == null ? "" : given.getValue().trim();
        if (reference.length() > 200) {
            throw BillingOutcomes.badParameter("transactionId", "transactionId is longer than 200 characters");
        }
        return reference.isEmpty() ? null : reference;
    }

    private PaymentReconciliation firstPayment(Tenant clinic, String transaction, RequestDetails request) {
        return payments.byTransaction(clinic.id(), transaction)
                .flatMap(row -> links.resourceId(clinic.id(), "payments", row, "PaymentReconciliation"))
                .map(id -> writes.read(PaymentReconciliation.class, id, request)).orElse(null);
    }

    /** What the patient still owes: the invoice's balance, or (a claim with no invoice) what the insurer left. */
    private BigDecimal owed(Tenant clinic, String invoice, ClaimRow row) {
        if (invoice != null) {
            OptionalInt invoiceRow = links.rowId(clinic.id(), "Invoice", new IdType(invoice).getIdPart());
            if (invoiceRow.isPresent()) {
                BigDecimal total = jdbc.queryForObject("SELECT total_amount FROM invoices WHERE organization_id = ? "
                        + "AND id = ?", BigDecimal.class, clinic.id(), invoiceRow.getAsInt());
                return payments.balance(clinic.id(), invoiceRow.getAsInt(), total.setScale(2)).outstanding();
            }
        }
        return row.paymentAmount() == null ? row.amount() : row.amount().subtract(row.paymentAmount()).max(
                BigDecimal.ZERO.setScale(2));
    }

    private static Parameters answer(ClaimResponse response, PaymentReconciliation payment, BigDecimal owed,
            BillingTerms terms) {
        Parameters answer = new Parameters();
        answer.addParameter().setName("claimResponse").setResource(response);
        if (payment != null) {
            answer.addParameter().setName("payment").setResource(payment);
        }
        answer.addParameter().setName("patientOwes").setValue(Pence.money(owed, terms.currency()));
        return answer;
    }

    private Optional<ClaimResponse> responseTo(String claimId, RequestDetails request) {
        return daos.getResourceDao(ClaimResponse.class)
                .search(SearchParameterMap.newSynchronous("request", new ReferenceParam("Claim/" + claimId)), request)
                .getAllResources().stream().map(ClaimResponse.class::cast).findFirst();
    }

    /** The claim's row as it is under the lock, with what the mapper needs to name its patient. */
    private record Stored(ClaimRow row, MappingContext context) {}

    private Stored stored(Tenant clinic, String claimId) {
        int rowId = links.rowId(clinic.id(), "Claim", claimId).orElseThrow(() -> BillingOutcomes.refused("Claim",
                "Claim/" + claimId + " has no row in the clinic's claims"));
        ClaimRow row;
        try {
            row = claims.read(clinic.id(), rowId).orElseThrow(() -> BillingOutcomes.refused("Claim",
                    "Claim/" + claimId + " has no row in the clinic's claims"));
        } catch (health.cura.mappings.UnmappableResourceException unreadable) {
            throw BillingOutcomes.refused(unreadable.element(), "The claim's row cannot be read: "
                    + unreadable.getMessage());
        }
        ResolvedLinks.Builder resolved = ResolvedLinks.builder();
        links.resourceId(clinic.id(), "patients", row.patientId(), "Patient")
                .ifPresent(patient -> resolved.link("Patient", patient, row.patientId()));
        return new Stored(row, new MappingContext(clinic.id(), clinic.subdomain(), resolved.build()));
    }
}
