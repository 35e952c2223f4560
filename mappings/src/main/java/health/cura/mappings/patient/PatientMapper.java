package health.cura.mappings.patient;

import static health.cura.mappings.Texts.blankToNull;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.MappingContext;
import health.cura.mappings.UnmappableResourceException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/** A {@code patients} row ⇄ a FHIR Patient. The column → element table is in {@code mappings/README.md}. */
public final class PatientMapper {

    public static final String EMERGENCY_CONTACT_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0131";
    public static final String EMERGENCY_CONTACT_CODE = "C";
    private static final List<String> GENDERS = List.of("male", "female", "other", "unknown");

    private PatientMapper() {}

    public static Patient toFhir(PatientRow row, MappingContext context) {
        Patient patient = new Patient();
        if (row.nhsNumber() != null) {
            patient.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue(row.nhsNumber());
        }
        if (row.patientNumber() != null) {
            patient.addIdentifier()
                    .setUse(Identifier.IdentifierUse.USUAL)
                    .setSystem(CuraCanonical.patientNumberSystem(context.subdomain()))
                    .setValue(row.patientNumber());
        }
        patient.setActive(row.active());
        if (blankToNull(row.lastName()) != null || blankToNull(row.firstName()) != null) {
            HumanName name = patient.addName().setUse(HumanName.NameUse.OFFICIAL);
            name.setFamily(blankToNull(row.lastName()));
            if (blankToNull(row.firstName()) != null) {
                name.addGiven(row.firstName());
            }
        }
        if (row.phone() != null) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(row.phone());
        }
        if (row.email() != null) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(row.email());
        }
        if (row.genderAtBirth() != null && GENDERS.contains(row.genderAtBirth())) {
            patient.setGender(AdministrativeGender.fromCode(row.genderAtBirth()));
        }
        if (row.dateOfBirth() != null) {
            patient.setBirthDateElement(new DateType(row.dateOfBirth().toString()));
        }
        if (row.address() != null && !row.address().isEmpty()) {
            patient.addAddress(address(row.address()));
        }
        if (row.emergencyContact() != null && !row.emergencyContact().isEmpty()) {
            patient.addContact(contact(row.emergencyContact()));
        }
        patient.addExtension(CuraCanonical.RISK_LEVEL_EXTENSION, new CodeType(row.riskLevel()));
        for (String flag : row.flags()) {
            patient.addExtension(CuraCanonical.PATIENT_FLAG_EXTENSION, new StringType(flag));
        }
        return patient;
    }

    public static PatientRow toRow(Patient patient, MappingContext context) {
        // An unnamed patient (say, unidentified in an emergency) is still a patient: the NOT NULL name columns hold
        // empty strings rather than anything made up.
        HumanName name = Optional.ofNullable(officialName(patient)).orElseGet(HumanName::new);
        String lastName = Optional.ofNullable(blankToNull(name.getFamily())).or(() -> Optional.ofNullable(
                blankToNull(name.getText()))).orElse("");
        String firstName = name.getGiven().stream()
                .map(StringType::getValue)
                .filter(given -> blankToNull(given) != null)
                .collect(Collectors.joining(" "));
        return new PatientRow(
                identifier(patient, CuraCanonical.patientNumberSystem(context.subdomain())),
                firstName,
                lastName,
                birthDate(patient),
                patient.hasGender() && patient.getGender() != AdministrativeGender.NULL
                        ? patient.getGender().toCode() : null,
                telecom(patient.getTelecom(), ContactPoint.ContactPointSystem.EMAIL),
                telecom(patient.getTelecom(), ContactPoint.ContactPointSystem.PHONE),
                nhsNumber(patient),
                patient.getAddress().stream().filter(a -> a.getUse() == Address.AddressUse.HOME).findFirst()
                        .or(() -> patient.getAddress().stream().findFirst())
                        .map(PatientMapper::postalAddress)
                        .orElse(PostalAddress.NONE),
                patient.getContact().stream().filter(PatientMapper::isEmergencyContact).findFirst()
                        .map(PatientMapper::emergencyContact)
                        .orElse(EmergencyContact.NONE),
                riskLevel(patient),
                patient.getExtensionsByUrl(CuraCanonical.PATIENT_FLAG_EXTENSION).stream()
                        .map(e -> e.getValue().primitiveValue())
                        .filter(flag -> blankToNull(flag) != null)
                        .toList(),
                !patient.hasActive() || patient.getActive());
    }

    private static HumanName officialName(Patient patient) {
        return patient.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                .or(() -> patient.getName().stream().filter(n -> n.getUse() != HumanName.NameUse.OLD).findFirst())
                .orElse(null);
    }

    /** A birth date known to the day; a partial one (only a year, say) stays in FHIR rather than be made up. */
    private static LocalDate birthDate(Patient patient) {
        DateType date = patient.getBirthDateElement();
        if (date == null || !date.hasValue() || date.getPrecision() != TemporalPrecisionEnum.DAY) {
            return null;
        }
        return LocalDate.parse(date.getValueAsString());
    }

    private static String nhsNumber(Patient patient) {
        String value = identifier(patient, NhsNumber.SYSTEM);
        if (value == null) {
            return null;
        }
        String digits = value.replace(" ", "");
        if (!NhsNumber.isValid(digits)) {
            throw new UnmappableResourceException("Patient.identifier",
                    "Patient.identifier: the NHS number is not valid (ten digits with a modulus 11 check digit)");
        }
        return digits;
    }

    private static String riskLevel(Patient patient) {
        Extension extension = patient.getExtensionByUrl(CuraCanonical.RISK_LEVEL_EXTENSION);
        if (extension == null || extension.getValue() == null) {
            return "low";
        }
        String code = extension.getValue().primitiveValue();
        if (!CuraEnums.RISK_LEVEL.contains(code)) {
            throw new UnmappableResourceException("Patient.extension",
                    "Patient.extension: risk level '" + code + "' is not one of low, medium, high");
        }
        return code;
    }

    static String identifier(Patient patient, String system) {
        return patient.getIdentifier().stream()
                .filter(i -> system.equals(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue)
                .findFirst()
                .orElse(null);
    }

    static String telecom(List<ContactPoint> telecom, ContactPoint.ContactPointSystem system) {
        return telecom.stream()
                .filter(t -> t.getSystem() == system && t.hasValue())
                .map(ContactPoint::getValue)
                .findFirst()
                .orElse(null);
    }

    private static Address address(PostalAddress value) {
        Address address = new Address().setUse(Address.AddressUse.HOME);
        if (value.line1() != null) {
            address.addLine(value.line1());
        }
        if (value.line2() != null) {
            address.addLine(value.line2());
        }
        return address.setCity(value.city())
                .setDistrict(value.county())
                .setPostalCode(value.postcode())
                .setCountry(value.country());
    }

    /** Lines beyond the second are kept in the second, comma separated, so no part of the address is lost. */
    private static PostalAddress postalAddress(Address address) {
        List<String> lines = address.getLine().stream()
                .map(StringType::getValue)
                .filter(line -> blankToNull(line) != null)
                .toList();
        return new PostalAddress(
                lines.isEmpty() ? null : lines.get(0),
                lines.size() < 2 ? null : String.join(", ", lines.subList(1, lines.size())),
                blankToNull(address.getCity()),
                blankToNull(address.getDistrict()),
                blankToNull(address.getPostalCode()),
                blankToNull(address.getCountry()));
    }

    private static Patient.ContactComponent contact(EmergencyContact value) {
        Patient.ContactComponent contact = new Patient.ContactComponent();
        contact.addRelationship(new CodeableConcept().addCoding(new Coding(
                EMERGENCY_CONTACT_SYSTEM, EMERGENCY_CONTACT_CODE, "Emergency Contact")));
        if (value.relationship() != null) {
            contact.addRelationship(new CodeableConcept().setText(value.relationship()));
        }
        if (value.name() != null) {
            contact.setName(new HumanName().setText(value.name()));
        }
        if (value.phone() != null) {
            contact.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(value.phone());
        }
        if (value.email() != null) {
            contact.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(value.email());
        }
        return contact;
    }

    private static boolean isEmergencyContact(Patient.ContactComponent contact) {
        return contact.getRelationship().stream().anyMatch(r -> r.hasCoding(EMERGENCY_CONTACT_SYSTEM,
                EMERGENCY_CONTACT_CODE));
    }

    private static EmergencyContact emergencyContact(Patient.ContactComponent contact) {
        String relationship = contact.getRelationship().stream()
                .filter(r -> !r.hasCoding(EMERGENCY_CONTACT_SYSTEM, EMERGENCY_CONTACT_CODE))
                .map(r -> blankToNull(r.getText()))
                .filter(text -> text != null)
                .findFirst()
                .orElse(null);
        String name = null;
        if (contact.hasName()) {
            name = Optional.ofNullable(blankToNull(contact.getName().getText()))
                    .orElseGet(() -> blankToNull(contact.getName().getNameAsSingleString()));
        }
        return new EmergencyContact(name, relationship,
                telecom(contact.getTelecom(), ContactPoint.ContactPointSystem.PHONE),
                telecom(contact.getTelecom(), ContactPoint.ContactPointSystem.EMAIL));
    }
}
