package health.cura.mappings.patient;

import static health.cura.mappings.Texts.blankToNull;

import health.cura.mappings.MappingContext;
import health.cura.mappings.References;
import health.cura.mappings.UnmappableResourceException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Reference;

/** The insurance columns of a {@code patients} row ⇄ the patient's Coverage. */
public final class CoverageMapper {

    public static final String COVERAGE_CLASS = "http://terminology.hl7.org/CodeSystem/coverage-class";

    private CoverageMapper() {}

    public static Coverage toFhir(InsuranceRow row, int patientRow, MappingContext context) {
        Coverage coverage = new Coverage();
        coverage.setStatus(row.insured() ? Coverage.CoverageStatus.ACTIVE : Coverage.CoverageStatus.CANCELLED);
        coverage.setBeneficiary(References.toRow("Patient", patientRow, context.links()));
        coverage.addPayor(new Reference().setDisplay(row.provider()));
        coverage.setSubscriberId(row.policyNumber());
        if (row.groupNumber() != null) {
            coverage.addClass_().setType(new CodeableConcept().addCoding(new Coding(COVERAGE_CLASS, "group", "Group")))
                    .setValue(row.groupNumber());
        }
        if (row.validFrom() != null) {
            coverage.getPeriod().setStart(date(row.validFrom()));
        }
        if (row.validTo() != null) {
            coverage.getPeriod().setEnd(date(row.validTo()));
        }
        return coverage;
    }

    /** The patient's row id the coverage belongs to. */
    public static int patientRow(Coverage coverage, MappingContext context) {
        return References.rowId(coverage.getBeneficiary(), "Patient", context.links())
                .orElseThrow(() -> new UnmappableResourceException("Coverage.beneficiary",
                        "Coverage.beneficiary must reference a Patient of this clinic"));
    }

    public static InsuranceRow toRow(Coverage coverage) {
        return new InsuranceRow(
                coverage.getPayor().stream().map(p -> blankToNull(p.getDisplay())).filter(d -> d != null)
                        .findFirst().orElse(null),
                blankToNull(coverage.getSubscriberId()),
                coverage.getClass_().stream()
                        .filter(c -> c.getType().hasCoding(COVERAGE_CLASS, "group"))
                        .map(c -> blankToNull(c.getValue())).filter(v -> v != null).findFirst().orElse(null),
                coverage.getPeriod().hasStart() ? localDate(coverage.getPeriod().getStart()) : null,
                coverage.getPeriod().hasEnd() ? localDate(coverage.getPeriod().getEnd()) : null,
                coverage.getStatus() == Coverage.CoverageStatus.ACTIVE);
    }

    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static LocalDate localDate(Date date) {
        return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }
}
