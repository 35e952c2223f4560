package health.cura.mappings.billing;

import static health.cura.mappings.Texts.blankToNull;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.CuraCodes;
import health.cura.mappings.Instants;
import health.cura.mappings.MappingContext;
import health.cura.mappings.OwnedElements;
import health.cura.mappings.References;
import health.cura.mappings.UnmappableResourceException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * A {@code claims} row ⇄ a Claim and, once the insurer has decided, a ClaimResponse to it.
 *
 * <p>The Claim holds what was asked: the claim number, the patient, the date of service ({@code billablePeriod}),
 * when it was submitted ({@code created}), the amount ({@code total}), the insurer (by name, as the row has it) and
 * one item per procedure code; {@code pending} is a draft Claim, every later status an active one. The ClaimResponse
 * holds the decision: {@code outcome} complete (approved or paid, told apart by its {@code cura-code}), partial
 * (partially_paid) or error (denied, with the reason as {@code disposition}); the insurer's payment as
 * {@code payment} (its time as {@code created}), and the amounts claimed and paid as totals.
 */
public final class ClaimMapper {

    public static final String CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type";
    public static final String PRIORITY = "http://terminology.hl7.org/CodeSystem/processpriority";
    public static final String PAYMENT_TYPE = "http://terminology.hl7.org/CodeSystem/ex-paymenttype";
    public static final String ADJUDICATION = "http://terminology.hl7.org/CodeSystem/adjudication";

    private ClaimMapper() {}

    /** What a claims row says of its Claim; the diagnoses, supporting information and invoice are the Claim's own. */
    public static OwnedElements<Claim> owned(MappingContext context) {
        String numbers = CuraCanonical.claimNumberSystem(context.subdomain());
        return OwnedElements.of(Claim.class)
                .element("status", "patient", "created", "billablePeriod", "insurer", "item", "total")
                .items("identifier", Identifier.class, i -> numbers.equals(i.getSystem()))
                .build();
    }

    /** What a claims row says of its ClaimResponse: all of it but what a client added (notes, its own extensions). */
    public static OwnedElements<ClaimResponse> ownedResponse() {
        return OwnedElements.of(ClaimResponse.class)
                .element("status", "type", "use", "patient", "created", "insurer", "request", "outcome",
                        "disposition", "payment", "total")
                .build();
    }

    public static Claim toFhir(ClaimRow row, String currency, MappingContext context) {
        Claim claim = new Claim();
        claim.addIdentifier().setSystem(CuraCanonical.claimNumberSystem(context.subdomain()))
                .setValue(row.claimNumber());
        claim.setStatus("pending".equals(row.status()) ? Claim.ClaimStatus.DRAFT : Claim.ClaimStatus.ACTIVE);
        claim.setType(new CodeableConcept().addCoding(new Coding(CLAIM_TYPE, "professional", "Professional")));
        claim.setUse(Claim.Use.CLAIM);
        claim.setPatient(References.toRow("Patient", row.patientId(), context.links()));
        claim.setCreatedElement(Instants.toDateTime(row.submissionDate()));
        claim.getBillablePeriod().setStartElement(Instants.toDateTime(row.serviceDate()));
        claim.setInsurer(new Reference().setDisplay(row.insuranceProvider()));
        claim.setProvider(clinic(context));
        claim.setPriority(new CodeableConcept().addCoding(new Coding(PRIORITY, "normal", "Normal")));
        claim.addInsurance().setSequence(1).setFocal(true)
                .setCoverage(new Reference().setDisplay(row.insuranceProvider()));
        int sequence = 1;
        for (ClaimProcedure procedure : row.procedures()) {
            claim.addItem().setSequence(sequence++)
                    .setProductOrService(new CodeableConcept().addCoding(
                            new Coding(CuraCanonical.CCSD_SYSTEM, procedure.code(), procedure.display())))
                    .setServiced(new DateType(row.serviceDate().toLocalDate().toString()));
        }
        claim.setTotal(Pence.money(row.amount(), currency));
        return claim;
    }

    /** The insurer's decision, when the row has one. */
    public static Optional<ClaimResponse> toFhirResponse(ClaimRow row, Reference claim, String currency,
            MappingContext context) {
        if (!row.isDecided()) {
            return Optional.empty();
        }
        ClaimResponse response = new ClaimResponse();
        response.setStatus(ClaimResponse.ClaimResponseStatus.ACTIVE);
        response.setType(new CodeableConcept().addCoding(new Coding(CLAIM_TYPE, "professional", "Professional")));
        response.setUse(ClaimResponse.Use.CLAIM);
        response.setPatient(References.toRow("Patient", row.patientId(), context.links()));
        response.setCreatedElement(Instants.toDateTime(row.paymentDate() != null ? row.paymentDate()
                : row.submissionDate()));
        response.setInsurer(new Reference().setDisplay(row.insuranceProvider()));
        response.setRequest(claim);
        response.setOutcome(switch (row.status()) {
            case "denied" -> ClaimResponse.RemittanceOutcome.ERROR;
            case "partially_paid" -> ClaimResponse.RemittanceOutcome.PARTIAL;
            default -> ClaimResponse.RemittanceOutcome.COMPLETE;
        });
        CuraCodes.mark(response.getOutcomeElement(), CuraEnums.CLAIM_STATUS, row.status());
        response.setDisposition("denied".equals(row.status()) ? row.denialReason()
                : CuraEnums.CLAIM_STATUS.display(row.status()));
        response.addTotal().setCategory(adjudication("submitted", "Submitted Amount"))
                .setAmount(Pence.money(row.amount(), currency));
        if (row.paymentAmount() != null) {
            response.addTotal().setCategory(adjudication("benefit", "Benefit Amount"))
                    .setAmount(Pence.money(row.paymentAmount(), currency));
            ClaimResponse.PaymentComponent payment = response.getPayment();
            boolean full = row.paymentAmount().compareTo(row.amount()) >= 0;
            payment.setType(new CodeableConcept().addCoding(new Coding(PAYMENT_TYPE, full ? "complete" : "partial",
                    full ? "Complete" : "Partial")));
            payment.setAmount(Pence.money(row.paymentAmount(), currency));
            if (row.paymentDate() != null) {
                payment.setDateElement(new DateType(row.paymentDate().toLocalDate().toString()));
            }
        }
        return Optional.of(response);
    }

    /**
     * The claim columns of a Claim, with the status it says ({@code pending} for a draft, {@code submitted} once
     * active) and no outcome.
     */
    public static ClaimRow toRow(Claim claim, String currency, MappingContext context) {
        int patient = References.rowId(claim.getPatient(), "Patient", context.links())
                .orElseThrow(() -> new UnmappableResourceException("Claim.patient",
                        "Claim.patient must reference a Patient of this clinic"));
        String numbers = CuraCanonical.claimNumberSystem(context.subdomain());
        String number = claim.getIdentifier().stream().filter(i -> numbers.equals(i.getSystem()))
                .map(i -> blankToNull(i.getValue())).filter(v -> v != null).findFirst()
                .orElseThrow(() -> new UnmappableResourceException("Claim.identifier",
                        "Claim.identifier needs the clinic's claim number (system " + numbers + ")"));
        if (!claim.hasCreated()) {
            throw new UnmappableResourceException("Claim.created", "Claim.created is required");
        }
        LocalDateTime service = serviceDate(claim);
        if (!claim.hasTotal()) {
            throw new UnmappableResourceException("Claim.total", "Claim.total is required: the amount claimed");
        }
        BigDecimal amount = Pence.of(claim.getTotal(), currency, "Claim.total");
        if (amount.signum() <= 0) {
            throw new UnmappableResourceException("Claim.total", "Claim.total must be above zero");
        }
        String insurer = blankToNull(claim.getInsurer().getDisplay());
        if (insurer == null) {
            insurer = claim.getInsurance().stream().map(i -> blankToNull(i.getCoverage().getDisplay()))
                    .filter(d -> d != null).findFirst().orElseThrow(() -> new UnmappableResourceException(
                            "Claim.insurer", "Claim.insurer needs the insurer's name (display)"));
        }
        List<ClaimProcedure> procedures = new ArrayList<>();
        for (Claim.ItemComponent item : claim.getItem()) {
            item.getProductOrService().getCoding().stream().filter(c -> blankToNull(c.getCode()) != null)
                    .findFirst().ifPresent(c -> procedures.add(new ClaimProcedure(c.getCode(),
                            blankToNull(c.getDisplay()))));
        }
        return new ClaimRow(patient, number, service, Instants.toUtc(claim.getCreated()), amount,
                status(claim), null, null, null, insurer, procedures);
    }

    /** The row of a Claim and the ClaimResponse to it, when there is one. */
    public static ClaimRow toRow(Claim claim, ClaimResponse response, String currency, MappingContext context) {
        ClaimRow row = toRow(claim, currency, context);
        return response == null ? row : row.withOutcome(outcome(response, currency));
    }

    /** The claims status of a Claim with no decision yet. */
    public static String status(Claim claim) {
        if (!claim.hasStatus()) {
            throw new UnmappableResourceException("Claim.status", "Claim.status is required");
        }
        return switch (claim.getStatus()) {
            case DRAFT -> "pending";
            case ACTIVE -> "submitted";
            default -> throw new UnmappableResourceException("Claim.status", "Claim.status '"
                    + claim.getStatus().toCode() + "' has no counterpart in claims.status (pending, submitted, "
                    + "approved, denied, partially_paid, paid): a claim the insurer refuses is recorded with "
                    + "Claim/{id}/$record-outcome");
        };
    }

    /** The outcome columns of an insurer's decision. */
    public static ClaimOutcome outcome(ClaimResponse response, String currency) {
        if (!response.hasOutcome()) {
            throw new UnmappableResourceException("ClaimResponse.outcome", "ClaimResponse.outcome is required");
        }
        String status = switch (response.getOutcome()) {
            case ERROR -> "denied";
            case PARTIAL -> "partially_paid";
            case COMPLETE -> completed(response);
            default -> throw new UnmappableResourceException("ClaimResponse.outcome", "ClaimResponse.outcome '"
                    + response.getOutcome().toCode() + "' is no decision: the claim stays submitted");
        };
        BigDecimal paid = response.getPayment().hasAmount()
                ? Pence.of(response.getPayment().getAmount(), currency, "ClaimResponse.payment.amount") : null;
        LocalDateTime when = paid != null && response.hasCreated() ? Instants.toUtc(response.getCreated()) : null;
        String reason = "denied".equals(status) ? blankToNull(response.getDisposition()) : null;
        return new ClaimOutcome(status, paid, when, reason);
    }

    private static String completed(ClaimResponse response) {
        Extension code = response.getOutcomeElement().getExtensionByUrl(CuraCanonical.CURA_CODE_EXTENSION);
        if (code != null && code.getValue() instanceof Coding coding
                && CuraEnums.CLAIM_STATUS.system().equals(coding.getSystem())
                && ("approved".equals(coding.getCode()) || "paid".equals(coding.getCode()))) {
            return coding.getCode();
        }
        return response.getPayment().hasAmount() ? "paid" : "approved";
    }

    private static LocalDateTime serviceDate(Claim claim) {
        if (claim.getBillablePeriod().hasStart()) {
            return Instants.toUtc(claim.getBillablePeriod().getStart());
        }
        return claim.getItem().stream().filter(i -> i.hasServicedDateType()).findFirst()
                .map(i -> Instants.toUtc(i.getServicedDateType().getValue()))
                .orElseThrow(() -> new UnmappableResourceException("Claim.billablePeriod",
                        "Claim.billablePeriod.start (or an item's servicedDate) is required: the date of service"));
    }

    /** The clinic that claims, by its tenant identifier: every Claim's provider. */
    private static Reference clinic(MappingContext context) {
        return new Reference().setIdentifier(new Identifier().setSystem(CuraCanonical.TENANT_IDENTIFIER_SYSTEM)
                .setValue(context.subdomain()));
    }

    private static CodeableConcept adjudication(String code, String display) {
        return new CodeableConcept().addCoding(new Coding(ADJUDICATION, code, display));
    }
}
