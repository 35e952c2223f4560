package health.cura.fhir.billing;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.SmartScope.Interaction;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tenancy.Tenant;
import health.cura.mappings.Instants;
import health.cura.mappings.billing.ClaimChecks;
import health.cura.mappings.billing.ClaimMapper;
import health.cura.mappings.billing.InvoiceBalance;
import health.cura.mappings.billing.Pence;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Reference;

/**
 * {@code POST /fhir/{clinic}/Invoice/{id}/$submit-claim}: claims an issued {@code insurance_claim} invoice from the
 * patient's insurer. Before anything is written the claim is held to what UK insurers require ({@link ClaimChecks}),
 * and every missing item is named in one OperationOutcome. The claim asks for what is still owed on the invoice. An
 * invoice has one open claim: submitting again answers it, until the insurer denies it.
 */
public class SubmitClaimOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("submit-claim", "Claim an invoice from the patient's insurer",
                    "Checks an issued insurance_claim invoice against what UK private medical insurers require "
                            + "(membership number, insurer, ICD-10 diagnosis, CCSD procedure codes, an invoice number "
                            + "of at most 20 characters, treatment within the last 6 months), naming each missing "
                            + "item (422), then records the claim (table claims) for what is still owed. Submitting "
                            + "again answers the same claim unless the insurer denied it.")
            .instance("Invoice")
            .changesState()
            .in("diagnosis", "Coding", 0, "*", "ICD-10 diagnoses; by default those of the invoiced consultation")
            .in("procedure", "Coding", 0, "*",
                    "CCSD procedure codes; by default the CCSD codings of the invoice's lines")
            .in("coverage", "Reference", 0, "1", "the patient's Coverage to claim under; by default their active one")
            .out("return", "Claim", 1, "1", "the claim submitted")
            .build();

    private final BillingWrites writes;
    private final BillingClinic clinics;
    private final InvoicePayments payments;
    private final DaoRegistry daos;
    private final Clock clock;

    public SubmitClaimOperation(BillingWrites writes, BillingClinic clinics, InvoicePayments payments,
            DaoRegistry daos, Clock clock) {
        this.writes = writes;
        this.clinics = clinics;
        this.payments = payments;
        this.daos = daos;
        this.clock = clock;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Invoice", Interaction.READ)
                        && grant.changesAcrossClinic("Claim", Interaction.READ, Interaction.CREATE),
                RoleNeed.of(ClinicModules.BILLING, StaffAction.CREATE));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$submit-claim", type = Invoice.class, idempotent = false)
    public Claim submit(
            @IdParam IdType invoiceId,
            @OperationParam(name = "diagnosis", max = OperationParam.MAX_UNLIMITED) List<Coding> diagnoses,
            @OperationParam(name = "procedure", max = OperationParam.MAX_UNLIMITED) List<Coding> procedures,
            @OperationParam(name = "coverage") Reference coverage,
            RequestDetails request) {
        Tenant clinic = clinics.of(request);
        BillingTerms terms = clinics.terms(clinic);
        return writes.inTransaction(() -> {
            // one invoice, one open claim: a second submit waits for the first and then finds its claim
            BillingWrites.LockedInvoice locked = writes.lockOrNotFound(clinic.id(), invoiceId.getIdPart());
            Invoice invoice = writes.invoice(invoiceId, request);
            String invoiceReference = "Invoice/" + invoiceId.getIdPart();
            Optional<Claim> open = claimsOf(invoice, request).stream()
                    .filter(claim -> invoiceReference.equals(invoiceOf(claim))).findFirst();
            if (open.isPresent()) {
                return open.get();
            }
            requireClaimable(invoice, locked);
            InvoiceBalance balance = payments.balance(clinic.id(), locked.rowId(), locked.total());
            if (balance.outstanding().signum() <= 0) {
                throw BillingOutcomes.refused("Invoice", "Nothing is owed on this invoice: there is nothing to claim");
            }
            Optional<Coverage> insurance = coverage(invoice, coverage, request);
            List<Coding> diagnosed = diagnoses == null || diagnoses.isEmpty() ? diagnosesOf(invoice, clinic, request)
                    : diagnoses;
            List<Coding> done = procedures == null || procedures.isEmpty() ? proceduresOf(invoice) : procedures;
            String number = invoice.getIdentifier().stream()
                    .filter(i -> CuraCanonical.invoiceNumberSystem(clinic.subdomain()).equals(i.getSystem()))
                    .map(Identifier::getValue).findFirst().orElse("");
            LocalDateTime service = serviceDate(invoice);
            String member = insurance.map(Coverage::getSubscriberId).orElse(null);
            String insurer = insurance.flatMap(c -> c.getPayor().stream().map(Reference::getDisplay)
                    .filter(d -> d != null && !d.isBlank()).findFirst()).orElse(null);
            List<ClaimChecks.Problem> problems = new ArrayList<>(ClaimChecks.problems(new ClaimChecks.Submission(
                    number, service.toLocalDate(), member, insurer, diagnosed, done),
                    LocalDate.now(clock.withZone(ZoneOffset.UTC))));
            if (insurance.isEmpty()) {
                problems.add(0, new ClaimChecks.Problem("coverage", "The patient has no active Coverage: record "
                        + "their insurance (insurer and membership number) first"));
            }
            if (!problems.isEmpty()) {
                throw BillingOutcomes.refusedAll(problems);
            }
            Claim claim = claim(invoice, insurance.get(), insurer, service, diagnosed, done,
                    Pence.money(balance.outstanding(), terms.currency()), clinic);
            String claimId = writes.create(claim, request);
            return writes.read(Claim.class, claimId, request);
        });
    }

    private static void requireClaimable(Invoice invoice, BillingWrites.LockedInvoice locked) {
        boolean insuranceClaim = invoice.getType().getCoding().stream()
                .anyMatch(c -> "insurance_claim".equals(c.getCode()));
        if (!insuranceClaim) {
            throw BillingOutcomes.refused("Invoice.type", "Only an invoice of type insurance_claim is claimed from "
                    + "an insurer; this one is billed to the patient");
        }
        if (!"sent".equals(locked.status()) && !"overdue".equals(locked.status())) {
            throw BillingOutcomes.refused("Invoice.status", "An insurer is sent issued invoices only (this one is "
                    + locked.status() + "): issue it with Invoice/{id}/$issue first");
        }
    }

    private Claim claim(Invoice invoice, Coverage coverage, String insurer, LocalDateTime service,
            List<Coding> diagnoses, List<Coding> procedures, org.hl7.fhir.r4.model.Money amount, Tenant clinic) {
        Claim claim = new Claim();
        claim.setStatus(Claim.ClaimStatus.ACTIVE);
        claim.setType(new CodeableConcept().addCoding(new Coding(ClaimMapper.CLAIM_TYPE, "professional",
                "Professional")));
        claim.setUse(Claim.Use.CLAIM);
        claim.setPatient(new Reference(invoice.getSubject().getReferenceElement().toUnqualifiedVersionless()
                .getValue()));
        claim.setCreatedElement(Instants.toDateTime(LocalDateTime.now(clock.withZone(ZoneOffset.UTC))
                .truncatedTo(ChronoUnit.SECONDS)));
        claim.getBillablePeriod().setStartElement(Instants.toDateTime(service));
        claim.setInsurer(new Reference().setDisplay(insurer));
        claim.setProvider(new Reference().setIdentifier(new Identifier()
                .setSystem(CuraCanonical.TENANT_IDENTIFIER_SYSTEM).setValue(clinic.subdomain())));
        claim.setPriority(new CodeableConcept().addCoding(new Coding(ClaimMapper.PRIORITY, "normal", "Normal")));
        claim.addInsurance().setSequence(1).setFocal(true)
                .setCoverage(new Reference("Coverage/" + coverage.getIdElement().getIdPart()).setDisplay(insurer));
        int sequence = 1;
        for (Coding diagnosis : diagnoses) {
            claim.addDiagnosis().setSequence(sequence++)
                    .setDiagnosis(new CodeableConcept().addCoding(diagnosis.copy()));
        }
        sequence = 1;
        for (Coding procedure : procedures) {
            claim.addItem().setSequence(sequence++)
                    .setProductOrService(new CodeableConcept().addCoding(procedure.copy()))
                    .setServiced(new DateType(service.toLocalDate().toString()));
        }
        claim.setTotal(amount);
        claim.addExtension(new Extension(CuraCanonical.CLAIM_INVOICE_EXTENSION,
                new Reference("Invoice/" + invoice.getIdElement().getIdPart())));
        return claim;
    }

    /** The patient's claims that are still open (not denied), as the caller sees them. */
    private List<Claim> claimsOf(Invoice invoice, RequestDetails request) {
        String patient = invoice.getSubject().getReferenceElement().toUnqualifiedVersionless().getValue();
        return daos.getResourceDao(Claim.class)
                .search(SearchParameterMap.newSynchronous("patient", new ReferenceParam(patient)), request)
                .getAllResources().stream().map(Claim.class::cast)
                .filter(claim -> !denied(claim, request)).toList();
    }

    private boolean denied(Claim claim, RequestDetails request) {
        return daos.getResourceDao(org.hl7.fhir.r4.model.ClaimResponse.class)
                .search(SearchParameterMap.newSynchronous("request",
                        new ReferenceParam("Claim/" + claim.getIdElement().getIdPart())), request)
                .getAllResources().stream().map(org.hl7.fhir.r4.model.ClaimResponse.class::cast)
                .anyMatch(r -> r.getOutcome() == org.hl7.fhir.r4.model.ClaimResponse.RemittanceOutcome.ERROR);
    }

    static String invoiceOf(Claim claim) {
        Extension invoice = claim.getExtensionByUrl(CuraCanonical.CLAIM_INVOICE_EXTENSION);
        return invoice != null && invoice.getValue() instanceof Reference reference
                ? reference.getReferenceElement().toUnqualifiedVersionless().getValue() : null;
    }

    private Optional<Coverage> coverage(Invoice invoice, Reference given, RequestDetails request) {
        if (given != null && given.hasReference()) {
            IdType id = new IdType(given.getReference());
            if (!"Coverage".equals(id.getResourceType()) || !id.hasIdPart()) {
                throw BillingOutcomes.badParameter("coverage", "coverage must reference a Coverage");
            }
            Coverage chosen = writes.read(Coverage.class, id.getIdPart(), request);
            String patient = invoice.getSubject().getReferenceElement().getIdPart();
            if (!patient.equals(chosen.getBeneficiary().getReferenceElement().getIdPart())) {
                throw BillingOutcomes.badParameter("coverage", "coverage is not the invoiced patient's insurance");
            }
            return Optional.of(chosen);
        }
        String patient = invoice.getSubject().getReferenceElement().toUnqualifiedVersionless().getValue();
        return daos.getResourceDao(Coverage.class)
                .search(SearchParameterMap.newSynchronous("beneficiary", new ReferenceParam(patient)), request)
                .getAllResources().stream().map(Coverage.class::cast)
                .filter(c -> c.getStatus() == Coverage.CoverageStatus.ACTIVE).findFirst();
    }

    /** The ICD-10 coded diagnoses of the consultation the invoice was generated from. */
    private List<Coding> diagnosesOf(Invoice invoice, Tenant clinic, RequestDetails request) {
        String sources = CuraCanonical.invoiceSourceSystem(clinic.subdomain());
        String source = invoice.getIdentifier().stream().filter(i -> sources.equals(i.getSystem()))
                .map(Identifier::getValue).filter(v -> v != null && v.startsWith("Encounter/")).findFirst()
                .orElse(null);
        if (source == null) {
            return List.of();
        }
        return daos.getResourceDao(Condition.class)
                .search(SearchParameterMap.newSynchronous("encounter", new ReferenceParam(source)), request)
                .getAllResources().stream().map(Condition.class::cast)
                .flatMap(condition -> condition.getCode().getCoding().stream()).filter(ClaimChecks::isIcd10)
                .toList();
    }

    private static List<Coding> proceduresOf(Invoice invoice) {
        return invoice.getLineItem().stream()
                .flatMap(line -> line.hasChargeItemCodeableConcept()
                        ? line.getChargeItemCodeableConcept().getCoding().stream() : java.util.stream.Stream.empty())
                .filter(c -> CuraCanonical.CCSD_SYSTEM.equals(c.getSystem())).toList();
    }

    private static LocalDateTime serviceDate(Invoice invoice) {
        Extension service = invoice.getExtensionByUrl(CuraCanonical.SERVICE_DATE_EXTENSION);
        if (service != null && service.getValue() instanceof org.hl7.fhir.r4.model.DateTimeType when && when.hasValue()) {
            return Instants.toUtc(when.getValue());
        }
        return Instants.toUtc(invoice.getDate());
    }
}
