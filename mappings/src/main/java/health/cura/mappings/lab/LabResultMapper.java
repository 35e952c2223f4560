package health.cura.mappings.lab;

import static health.cura.mappings.Texts.blankToNull;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.CuraCodes;
import health.cura.mappings.Instants;
import health.cura.mappings.MappingContext;
import health.cura.mappings.Clinicians;
import health.cura.mappings.References;
import health.cura.mappings.UnmappableResourceException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * A {@code lab_results} row ⇄ a DiagnosticReport with one Observation per value in {@code results}. The
 * practitioner who ordered the test ({@code ordered_by}) is the report's first Practitioner performer, else its
 * results interpreter, else the one the caller finds through the report's encounter ({@code encounterPractitioner}).
 */
public final class LabResultMapper {

    public static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    public static final String V2_SECTION = "http://terminology.hl7.org/CodeSystem/v2-0074";

    private LabResultMapper() {}

    public static LabReport toFhir(LabResultRow row, MappingContext context) {
        Reference patient = References.toRow("Patient", row.patientId(), context.links());
        Reference orderedBy = References.toRow("Practitioner", row.orderedBy(), context.links());
        DiagnosticReport report = new DiagnosticReport();
        report.addIdentifier()
                .setUse(Identifier.IdentifierUse.OFFICIAL)
                .setSystem(CuraCanonical.labNumberSystem(context.subdomain()))
                .setValue(row.labNumber());
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.fromCode(
                CuraEnums.LAB_RESULT_STATUS.toStandard(row.status()).orElseThrow()));
        if (!CuraEnums.LAB_RESULT_STATUS.find(row.status()).orElseThrow().exact()) {
            CuraCodes.mark(report.getStatusElement(), CuraEnums.LAB_RESULT_STATUS, row.status());
        }
        report.addCategory(new CodeableConcept().addCoding(new Coding(V2_SECTION, "LAB", "Laboratory")));
        report.setCode(new CodeableConcept().setText(row.testType()));
        report.setSubject(patient);
        if (orderedBy != null) {
            report.addPerformer(orderedBy);
        }
        report.setEffective(Instants.toDateTime(row.testDate()));
        report.setConclusion(row.notes());
        List<Observation> observations = new ArrayList<>();
        for (int i = 0; i < row.results().size(); i++) {
            observations.add(observation(row.results().get(i), patient, row.testDate(), report.getStatus()));
            report.addResult(new Reference(placeholder(i)));
        }
        return new LabReport(report, observations);
    }

    /** The urn:uuid a report uses for its {@code index}th result before the Observations are stored. */
    public static String placeholder(int index) {
        return String.format("urn:uuid:00000000-0000-4000-8000-%012d", index);
    }

    public static LabResultRow toRow(LabReport lab, OptionalInt encounterPractitioner, MappingContext context) {
        DiagnosticReport report = lab.report();
        int patient = References.rowId(report.getSubject(), "Patient", context.links())
                .orElseThrow(() -> new UnmappableResourceException("DiagnosticReport.subject",
                        "DiagnosticReport.subject must reference a Patient of this clinic"));
        OptionalInt orderedBy = Clinicians.named(report.getPerformer(), context.links());
        if (orderedBy.isEmpty()) {
            orderedBy = Clinicians.named(report.getResultsInterpreter(), context.links());
        }
        if (orderedBy.isEmpty()) {
            orderedBy = encounterPractitioner;
        }
        if (orderedBy.isEmpty()) {
            // a lab (an Organization) performed it and no practitioner is named: the clinic's placeholder clinician
            orderedBy = context.unnamedClinician().get();
        }
        int orderer = orderedBy.orElseThrow(() -> new UnmappableResourceException("DiagnosticReport.performer",
                "DiagnosticReport.performer (or resultsInterpreter, or the encounter's participant) must reference a "
                        + "Practitioner of this clinic: the lab result needs the practitioner who ordered it"));
        String status = CuraCodes.read(report.getStatusElement(),
                report.hasStatus() ? report.getStatus().toCode() : null, CuraEnums.LAB_RESULT_STATUS,
                "DiagnosticReport.status");
        return new LabResultRow(
                patient,
                orderer,
                report.getIdentifier().stream()
                        .filter(i -> CuraCanonical.labNumberSystem(context.subdomain()).equals(i.getSystem()))
                        .map(Identifier::getValue).findFirst().orElse(null),
                name(report.getCode()),
                testDate(report),
                lab.results().stream().map(LabResultMapper::value).toList(),
                status,
                blankToNull(report.getConclusion()));
    }

    private static LocalDateTime testDate(DiagnosticReport report) {
        if (report.hasEffectiveDateTimeType()) {
            return Instants.toUtc(report.getEffectiveDateTimeType().getValue());
        }
        if (report.hasEffectivePeriod() && report.getEffectivePeriod().hasStart()) {
            return Instants.toUtc(report.getEffectivePeriod().getStart());
        }
        if (report.hasIssued()) {
            return Instants.toUtc(report.getIssued());
        }
        throw new UnmappableResourceException("DiagnosticReport.effective[x]",
                "DiagnosticReport.effective[x] (or issued) is required: the lab result needs its test date");
    }

    private static String name(CodeableConcept code) {
        return Optional.ofNullable(blankToNull(code.getText()))
                .or(() -> code.getCoding().stream().map(c -> blankToNull(c.getDisplay())).filter(d -> d != null)
                        .findFirst())
                .or(() -> code.getCoding().stream().map(c -> blankToNull(c.getCode())).filter(c -> c != null)
                        .findFirst())
                .orElse("");
    }

    private static Observation observation(
            LabValue value, Reference patient, LocalDateTime testDate,
            DiagnosticReport.DiagnosticReportStatus reportStatus) {
        Observation observation = new Observation();
        observation.setStatus(reportStatus == DiagnosticReport.DiagnosticReportStatus.FINAL
                ? Observation.ObservationStatus.FINAL : Observation.ObservationStatus.REGISTERED);
        observation.addCategory(new CodeableConcept().addCoding(
                new Coding(OBSERVATION_CATEGORY, "laboratory", "Laboratory")));
        CodeableConcept code = new CodeableConcept().setText(value.name());
        if (value.code() != null) {
            code.addCoding(new Coding(value.system(), value.code(), null));
        }
        observation.setCode(code);
        observation.setSubject(patient);
        observation.setEffective(Instants.toDateTime(testDate));
        if (value.value() != null) {
            observation.setValue(new Quantity().setValue(value.value()).setUnit(value.unit()));
        } else if (value.text() != null) {
            observation.setValue(new StringType(value.text()));
        }
        if (value.low() != null || value.high() != null) {
            Observation.ObservationReferenceRangeComponent range = observation.addReferenceRange();
            if (value.low() != null) {
                range.setLow(new Quantity().setValue(value.low()).setUnit(value.unit()));
            }
            if (value.high() != null) {
                range.setHigh(new Quantity().setValue(value.high()).setUnit(value.unit()));
            }
        }
        if (value.flag() != null) {
            observation.addInterpretation(new CodeableConcept().addCoding(
                    new Coding(INTERPRETATION, value.flag(), null)));
        }
        return observation;
    }

    private static LabValue value(Observation observation) {
        CodeableConcept code = observation.getCode();
        Coding coding = code.getCoding().stream().filter(Coding::hasCode).findFirst().orElse(null);
        Quantity quantity = observation.hasValueQuantity() ? observation.getValueQuantity() : null;
        String text = observation.hasValueStringType() ? blankToNull(observation.getValueStringType().getValue())
                : observation.hasValueCodeableConcept() ? name(observation.getValueCodeableConcept()) : null;
        Observation.ObservationReferenceRangeComponent range =
                observation.hasReferenceRange() ? observation.getReferenceRangeFirstRep() : null;
        return new LabValue(
                name(code),
                coding == null ? null : coding.getCode(),
                coding == null ? null : blankToNull(coding.getSystem()),
                quantity == null ? null : quantity.getValue(),
                blankToNull(text),
                quantity == null ? null : Optional.ofNullable(blankToNull(quantity.getUnit()))
                        .orElse(blankToNull(quantity.getCode())),
                range != null && range.hasLow() ? range.getLow().getValue() : null,
                range != null && range.hasHigh() ? range.getHigh().getValue() : null,
                observation.getInterpretation().stream().flatMap(i -> i.getCoding().stream())
                        .filter(c -> INTERPRETATION.equals(c.getSystem()) && c.hasCode())
                        .map(Coding::getCode).findFirst().orElse(null));
    }
}
