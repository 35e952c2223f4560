package health.cura.mappings.billing;

import health.cura.conformance.CuraCanonical;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Coding;

/**
 * What UK private medical insurers require of a claim before it leaves the clinic, each missing item named: the
 * patient's membership number and insurer, at least one ICD-10 diagnosis, at least one CCSD procedure code, an invoice
 * number no longer than insurers' systems take ({@value #MAX_INVOICE_NUMBER_LENGTH} characters, the shortest limit
 * among the large UK insurers' portals), and treatment no more than {@value #MONTHS_TO_CLAIM} months ago (their time
 * limit for claims).
 */
public final class ClaimChecks {

    public static final int MAX_INVOICE_NUMBER_LENGTH = 20;
    public static final int MONTHS_TO_CLAIM = 6;

    /** Letter, two digits, then an optional subdivision: J06.9, M54.5, S83.2. */
    private static final Pattern ICD10 = Pattern.compile("[A-Z][0-9]{2}(\\.?[0-9A-Z]{1,4})?");

    /** One thing a claim lacks: where, and what. */
    public record Problem(String expression, String message) {}

    /** What the claim would say: the invoice's number and date of service, the member, diagnoses and procedures. */
    public record Submission(String invoiceNumber, LocalDate serviceDate, String memberNumber, String insurer,
            List<Coding> diagnoses, List<Coding> procedures) {}

    private ClaimChecks() {}

    public static List<Problem> problems(Submission claim, LocalDate today) {
        List<Problem> problems = new ArrayList<>();
        if (blank(claim.memberNumber())) {
            problems.add(new Problem("Coverage.subscriberId",
                    "The patient's insurance membership number is missing (Coverage.subscriberId)"));
        }
        if (blank(claim.insurer())) {
            problems.add(new Problem("Coverage.payor", "The patient's insurer is missing (Coverage.payor)"));
        }
        if (claim.diagnoses().isEmpty()) {
            problems.add(new Problem("diagnosis", "An ICD-10 diagnosis is missing: give one as the diagnosis "
                    + "parameter, or code the consultation's diagnosis in ICD-10"));
        }
        for (Coding diagnosis : claim.diagnoses()) {
            if (!isIcd10(diagnosis)) {
                problems.add(new Problem("diagnosis", "The diagnosis '" + diagnosis.getSystem() + "|"
                        + diagnosis.getCode() + "' is not an ICD-10 code"));
            }
        }
        if (claim.procedures().isEmpty()) {
            problems.add(new Problem("procedure", "A CCSD procedure code is missing: give one as the procedure "
                    + "parameter, or price the invoice's lines with their CCSD codes (" + CuraCanonical.CCSD_SYSTEM
                    + ")"));
        }
        for (Coding procedure : claim.procedures()) {
            if (!CuraCanonical.CCSD_SYSTEM.equals(procedure.getSystem()) || blank(procedure.getCode())) {
                problems.add(new Problem("procedure", "The procedure '" + procedure.getSystem() + "|"
                        + procedure.getCode() + "' is not a CCSD code (" + CuraCanonical.CCSD_SYSTEM + ")"));
            }
        }
        if (claim.invoiceNumber().length() > MAX_INVOICE_NUMBER_LENGTH) {
            problems.add(new Problem("Invoice.identifier", "The invoice number '" + claim.invoiceNumber()
                    + "' is " + claim.invoiceNumber().length() + " characters long; insurers take at most "
                    + MAX_INVOICE_NUMBER_LENGTH));
        }
        if (claim.serviceDate().plusMonths(MONTHS_TO_CLAIM).isBefore(today)) {
            problems.add(new Problem("Invoice.extension('" + CuraCanonical.SERVICE_DATE_EXTENSION + "')",
                    "The treatment on " + claim.serviceDate() + " was more than " + MONTHS_TO_CLAIM
                            + " months ago: insurers no longer accept a claim for it"));
        }
        return problems;
    }

    public static boolean isIcd10(Coding coding) {
        return (CuraCanonical.ICD10_SYSTEM.equals(coding.getSystem())
                || CuraCanonical.ICD10_UK_SYSTEM.equals(coding.getSystem()))
                && coding.getCode() != null && ICD10.matcher(coding.getCode()).matches();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
