package health.cura.fhir.billing;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
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
import health.cura.mappings.MappingContext;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.billing.InvoiceLine;
import health.cura.mappings.billing.InvoiceMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Reference;

/**
 * {@code POST /fhir/{clinic}/Appointment/{id}/$generate-invoice} and {@code Encounter/{id}/$generate-invoice}: a
 * draft invoice for what was done, priced from the clinic's price list ({@link PriceList}) as
 * {@code ChargeItemDefinition/$apply} would: each price whose code matches the visit's type is a line of one unit,
 * with VAT by the clinic's rules. Generating again answers the same invoice, unless it was voided.
 */
public class GenerateInvoiceOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("generate-invoice", "Generate the invoice of a visit",
                    "Makes a draft invoice for an appointment or encounter, priced from the clinic's price list "
                            + "(its active ChargeItemDefinitions whose code matches the visit's type or service "
                            + "type), with VAT by the clinic's rules. Generating again answers the same invoice "
                            + "unless it was voided; a visit nothing on the price list matches is refused (422).")
            .instance("Appointment", "Encounter")
            .changesState()
            .out("return", "Invoice", 1, "1", "the draft invoice")
            .build();

    private final BillingWrites writes;
    private final BillingClinic clinics;
    private final PriceList prices;
    private final DaoRegistry daos;
    private final Clock clock;

    public GenerateInvoiceOperation(BillingWrites writes, BillingClinic clinics, PriceList prices, DaoRegistry daos,
            Clock clock) {
        this.writes = writes;
        this.clinics = clinics;
        this.prices = prices;
        this.daos = daos;
        this.clock = clock;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Invoice", Interaction.READ,
                        Interaction.CREATE), RoleNeed.of(ClinicModules.BILLING, StaffAction.CREATE));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$generate-invoice", type = Appointment.class, idempotent = false)
    public Invoice fromAppointment(@IdParam IdType id, RequestDetails request) {
        return generate(id, "Appointment", "appointments", request, () -> {
            Appointment appointment = writes.read(Appointment.class, id.getIdPart(), request);
            if (appointment.getStatus() == Appointment.AppointmentStatus.CANCELLED
                    || appointment.getStatus() == Appointment.AppointmentStatus.ENTEREDINERROR) {
                throw BillingOutcomes.refused("Appointment.status", "A cancelled appointment is not invoiced");
            }
            List<Coding> done = new ArrayList<>(appointment.getAppointmentType().getCoding());
            appointment.getServiceType().forEach(type -> done.addAll(type.getCoding()));
            Reference patient = appointment.getParticipant().stream().map(Appointment.AppointmentParticipantComponent::getActor)
                    .filter(actor -> actor.getReferenceElement().getResourceType() != null
                            && "Patient".equals(actor.getReferenceElement().getResourceType()))
                    .findFirst().orElseThrow(() -> BillingOutcomes.refused("Appointment.participant",
                            "The appointment names no patient to invoice"));
            Optional<Reference> clinician = appointment.getParticipant().stream()
                    .map(Appointment.AppointmentParticipantComponent::getActor)
                    .filter(actor -> "Practitioner".equals(actor.getReferenceElement().getResourceType())).findFirst();
            return new Visit(done, patient, clinician, Optional.ofNullable(appointment.getStart()),
                    "Appointment.appointmentType");
        });
    }

    @Operation(name = "$generate-invoice", type = Encounter.class, idempotent = false)
    public Invoice fromEncounter(@IdParam IdType id, RequestDetails request) {
        return generate(id, "Encounter", "consultations", request, () -> {
            Encounter encounter = writes.read(Encounter.class, id.getIdPart(), request);
            if (encounter.getStatus() == Encounter.EncounterStatus.CANCELLED
                    || encounter.getStatus() == Encounter.EncounterStatus.ENTEREDINERROR) {
                throw BillingOutcomes.refused("Encounter.status", "A cancelled encounter is not invoiced");
            }
            List<Coding> done = new ArrayList<>();
            encounter.getType().forEach(type -> done.addAll(type.getCoding()));
            done.addAll(encounter.getServiceType().getCoding());
            if (encounter.hasClass_()) {
                done.add(encounter.getClass_());
            }
            if (!encounter.hasSubject() || !"Patient".equals(encounter.getSubject().getReferenceElement()
                    .getResourceType())) {
                throw BillingOutcomes.refused("Encounter.subject", "The encounter names no patient to invoice");
            }
            Optional<Reference> clinician = encounter.getParticipant().stream()
                    .map(Encounter.EncounterParticipantComponent::getIndividual)
                    .filter(who -> "Practitioner".equals(who.getReferenceElement().getResourceType())).findFirst();
            return new Visit(done, encounter.getSubject(), clinician, Optional.ofNullable(encounter.getPeriod().getStart()),
                    "Encounter.type");
        });
    }

    /** What a visit says for its invoice. */
    private record Visit(List<Coding> done, Reference patient, Optional<Reference> clinician, Optional<Date> when,
            String typeElement) {}

    private Invoice generate(IdType id, String type, String table, RequestDetails request,
            java.util.function.Supplier<Visit> visitOf) {
        Tenant clinic = clinics.of(request);
        BillingTerms terms = clinics.terms(clinic);
        String source = type + "/" + id.getIdPart();
        String sourceSystem = CuraCanonical.invoiceSourceSystem(clinic.subdomain());
        return writes.inTransaction(() -> {
            // one visit, one invoice: a second generate waits for the first and then finds its invoice
            writes.lockRowOf(clinic.id(), type, id.getIdPart(), table);
            // a visit without a row yet (an encounter not begun) has nothing to lock: its source is locked instead
            writes.lockKey(clinic.id(), source);
            Visit visit = visitOf.get();
            Optional<Invoice> existing = daos.getResourceDao(Invoice.class)
                    .search(SearchParameterMap.newSynchronous("identifier", new TokenParam(sourceSystem, source)),
                            request)
                    .getAllResources().stream().map(Invoice.class::cast)
                    .filter(invoice -> invoice.getStatus() != Invoice.InvoiceStatus.CANCELLED).findFirst();
            if (existing.isPresent()) {
                return existing.get();
            }
            List<InvoiceLine> lines = new ArrayList<>();
            for (PriceList.Price price : prices.prices(clinic.subdomain(), request)) {
                if (!price.appliesToAny(visit.done())) {
                    continue;
                }
                if (price.currency() != null && !terms.currency().equals(price.currency())) {
                    throw BillingOutcomes.refused("ChargeItemDefinition", "The price of " + price.description()
                            + " is in " + price.currency() + "; this clinic bills in " + terms.currency());
                }
                try {
                    lines.add(terms.vat().line(price.code(), price.description(), BigDecimal.ONE, price.unitPrice()
                            .setScale(2, java.math.RoundingMode.UNNECESSARY), BigDecimal.ZERO.setScale(2),
                            price.vatCategory()));
                } catch (IllegalArgumentException | ArithmeticException unpriced) {
                    throw BillingOutcomes.refused("ChargeItemDefinition", "The price of " + price.description()
                            + " cannot be charged: " + unpriced.getMessage());
                }
            }
            if (lines.isEmpty()) {
                throw BillingOutcomes.refused(visit.typeElement(), "Nothing on the clinic's price list matches this "
                        + type.toLowerCase() + " (" + describe(visit.done()) + "): add an active ChargeItemDefinition "
                        + "whose code has one of these codings");
            }
            Invoice invoice = new Invoice();
            InvoiceMapper.setStatus(invoice, "draft");
            invoice.addIdentifier().setSystem(sourceSystem).setValue(source);
            invoice.setType(new CodeableConcept().addCoding(new Coding(
                    health.cura.conformance.terminology.CuraEnums.INVOICE_TYPE.system(), "payment", "Payment")));
            invoice.setSubject(new Reference(visit.patient().getReferenceElement().toUnqualifiedVersionless()
                    .getValue()));
            LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.SECONDS);
            invoice.setDateElement(Instants.toDateTime(now));
            // the clinician who saw the patient is the invoice's participant: revenue by practitioner counts it
            visit.clinician().ifPresent(clinician -> invoice.addParticipant().setActor(new Reference(
                    clinician.getReferenceElement().toUnqualifiedVersionless().getValue())));
            visit.when().ifPresent(when -> invoice.addExtension(CuraCanonical.SERVICE_DATE_EXTENSION,
                    Instants.toDateTime(Instants.toUtc(when))));
            MappingContext context = new MappingContext(clinic.id(), clinic.subdomain(),
                    ResolvedLinks.builder().build());
            InvoiceMapper.lineItems(lines, terms.currency(), context).forEach(invoice::addLineItem);
            String invoiceId = writes.create(invoice, request);
            return writes.read(Invoice.class, invoiceId, request);
        });
    }

    private static String describe(List<Coding> codings) {
        if (codings.isEmpty()) {
            return "it has no type";
        }
        return String.join(", ", codings.stream().map(c -> c.getSystem() + "|" + c.getCode()).toList());
    }
}
