package health.cura.mappings.consent;

import static health.cura.mappings.Texts.blankToNull;

import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.CuraCodes;
import health.cura.mappings.Instants;
import health.cura.mappings.MappingContext;
import health.cura.mappings.OwnedElements;
import health.cura.mappings.References;
import health.cura.mappings.UnmappableResourceException;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;

/** A {@code gdpr_consents} row ⇄ a FHIR Consent. */
public final class ConsentMapper {

    public static final String LOINC = "http://loinc.org";
    public static final String PATIENT_CONSENT = "59284-0";

    private ConsentMapper() {}

    /** What a {@code gdpr_consents} row supplies of its Consent; identifiers, source and the rest are kept. */
    public static final OwnedElements<Consent> OWNED = OwnedElements.of(Consent.class)
            .element("status", "scope", "category", "patient", "policyRule", "provision")
            .build();

    public static Consent toFhir(ConsentRow row, MappingContext context) {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.fromCode(CuraEnums.CONSENT_STATUS.toStandard(row.status()).orElseThrow()));
        if (!CuraEnums.CONSENT_STATUS.find(row.status()).orElseThrow().exact()) {
            CuraCodes.mark(consent.getStatusElement(), CuraEnums.CONSENT_STATUS, row.status());
        }
        consent.setScope(new CodeableConcept().addCoding(new Coding(CuraEnums.CONSENT_SCOPE,
                CuraEnums.CONSENT_TYPE.toStandard(row.consentType()).orElseThrow(), null)));
        consent.addCategory(new CodeableConcept()
                .addCoding(new Coding(CuraEnums.CONSENT_TYPE.system(), row.consentType(),
                        CuraEnums.CONSENT_TYPE.display(row.consentType())))
                .addCoding(new Coding(LOINC, PATIENT_CONSENT, "Patient Consent")));
        consent.setPatient(References.toRow("Patient", row.patientId(), context.links()));
        consent.setPolicyRule(new CodeableConcept()).getPolicyRule().addCoding(new Coding(CuraEnums.LEGAL_BASIS.system(), row.legalBasis(),
                CuraEnums.LEGAL_BASIS.display(row.legalBasis())));
        Consent.ProvisionComponent provision = consent.getProvision();
        provision.setType(Consent.ConsentProvisionType.PERMIT);
        if (row.grantedAt() != null) {
            provision.getPeriod().setStart(Instants.toDate(row.grantedAt()));
        }
        if (row.expiresAt() != null) {
            provision.getPeriod().setEnd(Instants.toDate(row.expiresAt()));
        }
        provision.addPurpose(new Coding().setDisplay(row.purpose()));
        for (String category : row.dataCategories()) {
            provision.addClass_(new Coding().setCode(category));
        }
        return consent;
    }

    public static ConsentRow toRow(Consent consent, MappingContext context) {
        int patient = References.rowId(consent.getPatient(), "Patient", context.links())
                .orElseThrow(() -> new UnmappableResourceException("Consent.patient",
                        "Consent.patient must reference a Patient of this clinic"));
        Consent.ProvisionComponent provision = consent.getProvision();
        String purpose = provision.getPurpose().stream()
                .map(c -> Optional.ofNullable(blankToNull(c.getDisplay())).orElse(blankToNull(c.getCode())))
                .filter(p -> p != null)
                .findFirst()
                .or(() -> consent.getCategory().stream().map(CodeableConcept::getText).map(t -> blankToNull(t))
                        .filter(t -> t != null).findFirst())
                .orElse("");
        return new ConsentRow(
                patient,
                consentType(consent),
                CuraCodes.read(consent.getStatusElement(), consent.hasStatus() ? consent.getStatus().toCode() : null,
                        CuraEnums.CONSENT_STATUS, "Consent.status"),
                provision.getPeriod().hasStart() ? Instants.toUtc(provision.getPeriod().getStart()) : null,
                provision.getPeriod().hasEnd() ? Instants.toUtc(provision.getPeriod().getEnd()) : null,
                purpose,
                legalBasis(consent),
                provision.getClass_().stream().map(c -> blankToNull(c.getCode())).filter(c -> c != null).toList());
    }

    /** The Cura category coding, else the scope's counterpart (research, else data processing). */
    private static String consentType(Consent consent) {
        for (CodeableConcept category : consent.getCategory()) {
            for (Coding coding : category.getCoding()) {
                if (CuraEnums.CONSENT_TYPE.system().equals(coding.getSystem())
                        && CuraEnums.CONSENT_TYPE.contains(coding.getCode())) {
                    return coding.getCode();
                }
            }
        }
        return consent.getScope().getCoding().stream()
                .filter(c -> CuraEnums.CONSENT_SCOPE.equals(c.getSystem()) && c.hasCode())
                .map(c -> CuraEnums.CONSENT_TYPE.fromStandard(c.getCode()))
                .flatMap(Optional::stream)
                .findFirst()
                .orElse("data_processing");
    }

    /** The GDPR basis from the Cura policy rule; a FHIR Consent without one is, by its nature, consent. */
    private static String legalBasis(Consent consent) {
        return consent.getPolicyRule().getCoding().stream()
                .filter(c -> CuraEnums.LEGAL_BASIS.system().equals(c.getSystem())
                        && CuraEnums.LEGAL_BASIS.contains(c.getCode()))
                .map(Coding::getCode)
                .findFirst()
                .orElse("consent");
    }
}
