package health.cura.mappings.prescription;

import health.cura.mappings.Clinicians;
import static health.cura.mappings.Texts.blankToNull;
import static health.cura.mappings.Texts.nullToEmpty;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.CuraCodes;
import health.cura.mappings.MappingContext;
import health.cura.mappings.OwnedElements;
import health.cura.mappings.References;
import health.cura.mappings.UnmappableResourceException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;

/** A {@code prescriptions} row ⇄ a FHIR MedicationRequest. */
public final class PrescriptionMapper {

    private static final String PHARMACY_ID = "pharmacy";
    private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("^(\\d+(?:\\.\\d+)?) (\\S.*)$");

    private PrescriptionMapper() {}

    /**
     * What a {@code prescriptions} row supplies of its MedicationRequest: the prescription number (the clinic's
     * identifier; others are kept), status, intent, medication, subject, requester, encounter, dosage, dispense
     * request, reason, notes and the contained pharmacy.
     */
    public static OwnedElements<MedicationRequest> owned(MappingContext context) {
        String numbers = CuraCanonical.prescriptionNumberSystem(context.subdomain());
        return OwnedElements.of(MedicationRequest.class)
                .element("status", "intent", "medication[x]", "subject", "requester", "encounter",
                        "dosageInstruction", "dispenseRequest", "reasonCode", "note")
                .items("identifier", Identifier.class, i -> numbers.equals(i.getSystem()))
                .items("contained", Organization.class, o -> PHARMACY_ID.equals(o.getIdElement().getIdPart()))
                .build();
    }

    public static MedicationRequest toFhir(PrescriptionRow row, MappingContext context) {
        MedicationRequest request = new MedicationRequest();
        request.addIdentifier()
                .setUse(Identifier.IdentifierUse.OFFICIAL)
                .setSystem(CuraCanonical.prescriptionNumberSystem(context.subdomain()))
                .setValue(row.prescriptionNumber());
        request.setStatus(MedicationRequest.MedicationRequestStatus.fromCode(
                CuraEnums.PRESCRIPTION_STATUS.toStandard(row.status()).orElseThrow()));
        if (!CuraEnums.PRESCRIPTION_STATUS.find(row.status()).orElseThrow().exact()) {
            CuraCodes.mark(request.getStatusElement(), CuraEnums.PRESCRIPTION_STATUS, row.status());
        }
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setMedication(new CodeableConcept().setText(row.medicationName()));
        request.setSubject(References.toRow("Patient", row.patientId(), context.links()));
        request.setRequester(References.toRow("Practitioner", row.doctorId(), context.links()));
        if (row.consultationId() != null) {
            request.setEncounter(References.toRow("Encounter", row.consultationId(), context.links()));
        }
        Dosage dosage = request.addDosageInstruction();
        dosage.setText(blankToNull(row.dosage()));
        dosage.setPatientInstruction(row.instructions());
        if (blankToNull(row.frequency()) != null) {
            dosage.getTiming().getCode().setText(row.frequency());
        }
        if (blankToNull(row.duration()) != null) {
            dosage.getTiming().getRepeat().setBounds(duration(row.duration()));
        }
        if (row.quantity() != null) {
            request.getDispenseRequest().setQuantity(new Quantity().setValue(row.quantity()));
        }
        if (row.refills() != null) {
            request.getDispenseRequest().setNumberOfRepeatsAllowed(row.refills());
        }
        if (row.diagnosis() != null) {
            request.addReasonCode().setText(row.diagnosis());
        }
        if (row.notes() != null) {
            request.addNote().setText(row.notes());
        }
        if (row.pharmacy() != null && !row.pharmacy().equals(PrescriptionRow.Pharmacy.NONE)) {
            Organization pharmacy = new Organization();
            pharmacy.setId(PHARMACY_ID);
            pharmacy.setName(row.pharmacy().name());
            if (row.pharmacy().email() != null) {
                pharmacy.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(row.pharmacy().email());
            }
            if (row.pharmacy().phone() != null) {
                pharmacy.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(row.pharmacy().phone());
            }
            request.addContained(pharmacy);
            request.getDispenseRequest().setPerformer(new Reference("#" + PHARMACY_ID));
        }
        return request;
    }

    public static PrescriptionRow toRow(MedicationRequest request, MappingContext context) {
        return toRow(request, Optional.empty(), context);
    }

    /**
     * As above, with the Medication that {@code medicationReference} points at when it is one of the clinic's stored
     * resources (a contained one is found in the request): its code names the medication when the reference has no
     * display.
     */
    public static PrescriptionRow toRow(MedicationRequest request, Optional<Medication> referenced,
            MappingContext context) {
        int patient = References.rowId(request.getSubject(), "Patient", context.links())
                .orElseThrow(() -> new UnmappableResourceException("MedicationRequest.subject",
                        "MedicationRequest.subject must reference a Patient of this clinic"));
        int doctor = Clinicians.namedOrUnnamed(List.of(request.getRequester()), context)
                .orElseThrow(() -> new UnmappableResourceException("MedicationRequest.requester",
                        "MedicationRequest.requester must reference a Practitioner or PractitionerRole of this clinic "
                                + "(the prescribing doctor)"));
        String medication = medicationName(request, referenced);
        Dosage dosage = request.getDosageInstructionFirstRep();
        String status = CuraCodes.read(request.getStatusElement(),
                request.hasStatus() ? request.getStatus().toCode() : null, CuraEnums.PRESCRIPTION_STATUS,
                "MedicationRequest.status");
        MedicationRequest.MedicationRequestDispenseRequestComponent dispense = request.getDispenseRequest();
        OptionalInt consultation = References.rowId(request.getEncounter(), "Encounter", context.links());
        return new PrescriptionRow(
                patient,
                doctor,
                consultation.isPresent() ? consultation.getAsInt() : null,
                request.getIdentifier().stream()
                        .filter(i -> CuraCanonical.prescriptionNumberSystem(context.subdomain()).equals(i.getSystem()))
                        .map(Identifier::getValue).findFirst().orElse(null),
                medication,
                nullToEmpty(dosageText(dosage)),
                nullToEmpty(frequency(dosage.getTiming())),
                nullToEmpty(duration(dosage.getTiming(), dispense)),
                dispense.hasQuantity() && dispense.getQuantity().hasValue()
                        ? dispense.getQuantity().getValue().intValue() : null,
                dispense.hasNumberOfRepeatsAllowed() ? dispense.getNumberOfRepeatsAllowed() : null,
                blankToNull(dosage.getPatientInstruction()),
                request.getReasonCode().stream().map(PrescriptionMapper::text).filter(t -> t != null).findFirst()
                        .orElse(null),
                status,
                pharmacy(request),
                request.getNote().stream().map(Annotation::getText).map(t -> blankToNull(t)).filter(t -> t != null)
                        .findFirst().orElse(null));
    }

    private static String medicationName(MedicationRequest request, Optional<Medication> referenced) {
        String name = null;
        if (request.hasMedicationCodeableConcept()) {
            name = text(request.getMedicationCodeableConcept());
        } else if (request.hasMedicationReference()) {
            name = blankToNull(request.getMedicationReference().getDisplay());
            if (name == null) {
                name = contained(request).or(() -> referenced).map(m -> text(m.getCode())).orElse(null);
            }
        }
        if (name == null) {
            throw new UnmappableResourceException("MedicationRequest.medication[x]",
                    "MedicationRequest.medication[x] needs a name (text, a coding's display, a reference display, "
                            + "or a referenced Medication of this clinic whose code has one)");
        }
        return name;
    }

    private static Optional<Medication> contained(MedicationRequest request) {
        String reference = request.getMedicationReference().getReference();
        if (reference == null || !reference.startsWith("#")) {
            return Optional.empty();
        }
        return request.getContained().stream()
                .filter(Medication.class::isInstance).map(Medication.class::cast)
                .filter(m -> reference.substring(1).equals(m.getIdElement().getIdPart())
                        || reference.equals(m.getId()))
                .findFirst();
    }

    private static String text(CodeableConcept concept) {
        return Optional.ofNullable(blankToNull(concept.getText()))
                .or(() -> concept.getCoding().stream().map(c -> blankToNull(c.getDisplay())).filter(d -> d != null)
                        .findFirst())
                .orElse(null);
    }

    /** The dose as written, or the structured dose as "amount unit". */
    private static String dosageText(Dosage dosage) {
        if (blankToNull(dosage.getText()) != null) {
            return dosage.getText();
        }
        if (dosage.hasDoseAndRate() && dosage.getDoseAndRateFirstRep().hasDoseQuantity()) {
            Quantity dose = dosage.getDoseAndRateFirstRep().getDoseQuantity();
            String unit = Optional.ofNullable(blankToNull(dose.getUnit())).orElse(blankToNull(dose.getCode()));
            return dose.getValue().stripTrailingZeros().toPlainString() + (unit == null ? "" : " " + unit);
        }
        return null;
    }

    private static String frequency(Timing timing) {
        if (timing.hasCode()) {
            String text = text(timing.getCode());
            if (text != null) {
                return text;
            }
        }
        Timing.TimingRepeatComponent repeat = timing.getRepeat();
        if (repeat.hasFrequency() && repeat.hasPeriod() && repeat.hasPeriodUnit()) {
            return repeat.getFrequency() + " per " + repeat.getPeriod().stripTrailingZeros().toPlainString() + " "
                    + repeat.getPeriodUnit().toCode();
        }
        return null;
    }

    private static String duration(Timing timing, MedicationRequest.MedicationRequestDispenseRequestComponent dispense) {
        if (timing.getRepeat().hasBoundsDuration()) {
            return durationText(timing.getRepeat().getBoundsDuration());
        }
        if (dispense.hasExpectedSupplyDuration()) {
            return durationText(dispense.getExpectedSupplyDuration());
        }
        return null;
    }

    private static String durationText(Duration duration) {
        String unit = Optional.ofNullable(blankToNull(duration.getUnit())).orElse(blankToNull(duration.getCode()));
        if (!duration.hasValue()) {
            return unit;
        }
        return duration.getValue().stripTrailingZeros().toPlainString() + (unit == null ? "" : " " + unit);
    }

    /** "7 days" is a number and a unit; anything else ("until review") is kept as the unit's text alone. */
    private static Duration duration(String text) {
        Matcher matcher = AMOUNT_AND_UNIT.matcher(text);
        Duration duration = new Duration();
        if (matcher.matches() && new BigDecimal(matcher.group(1)).stripTrailingZeros().toPlainString()
                .equals(matcher.group(1))) {
            duration.setValue(new BigDecimal(matcher.group(1)));
            duration.setUnit(matcher.group(2));
        } else {
            duration.setUnit(text);
        }
        return duration;
    }

    private static PrescriptionRow.Pharmacy pharmacy(MedicationRequest request) {
        Reference performer = request.getDispenseRequest().getPerformer();
        if (performer == null || !performer.hasReference() || !performer.getReference().startsWith("#")) {
            return PrescriptionRow.Pharmacy.NONE;
        }
        String id = performer.getReference().substring(1);
        for (Resource contained : request.getContained()) {
            if (contained instanceof Organization pharmacy && id.equals(contained.getIdElement().getIdPart())) {
                return new PrescriptionRow.Pharmacy(
                        blankToNull(pharmacy.getName()),
                        pharmacy.getTelecom().stream().filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.EMAIL)
                                .map(ContactPoint::getValue).findFirst().orElse(null),
                        pharmacy.getTelecom().stream().filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE)
                                .map(ContactPoint::getValue).findFirst().orElse(null));
            }
        }
        return PrescriptionRow.Pharmacy.NONE;
    }
}
