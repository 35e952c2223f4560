package health.cura.mappings.patient;

import static health.cura.mappings.Texts.blankToNull;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.MappingContext;
import health.cura.mappings.UnmappableResourceException;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
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

    /**
     * The Patient a stored one becomes when its row changes outside FHIR: every element the row holds is taken from
     * the row, every other element is kept. An owned element whose row value did not change is kept as it is, with
     * whatever it carries beyond the row (an address's {@code state}, a name's {@code period}), so that merging the
     * row a Patient already has changes nothing. A value the row cleared clears every element that value could be
     * read from (both phones when the phone is cleared, every address when the address is), since the next element
     * would otherwise become the row's value.
     */
    public static Patient merge(Patient stored, PatientRow row, MappingContext context) {
        Patient merged = stored.copy();
        PatientRow was = toRow(stored, context);
        Patient fromRow = toFhir(row, context);
        String numberSystem = CuraCanonical.patientNumberSystem(context.subdomain());
        if (!Objects.equals(was.patientNumber(), row.patientNumber())) {
            replaceIdentifier(merged, fromRow, numberSystem);
        }
        if (!Objects.equals(was.nhsNumber(), row.nhsNumber())) {
            replaceIdentifier(merged, fromRow, NhsNumber.SYSTEM);
        }
        if (!was.firstName().equals(row.firstName()) || !was.lastName().equals(row.lastName())) {
            HumanName current = officialName(merged);
            int at = current == null ? 0 : merged.getName().indexOf(current);
            if (fromRow.hasName()) {
                merged.getName().remove(current);
                merged.getName().add(Math.min(at, merged.getName().size()), fromRow.getNameFirstRep());
            } else {
                merged.getName().removeIf(n -> n.getUse() != HumanName.NameUse.OLD);
            }
        }
        if (!Objects.equals(was.dateOfBirth(), row.dateOfBirth())) {
            merged.setBirthDateElement(fromRow.hasBirthDate() ? fromRow.getBirthDateElement() : null);
        }
        if (!Objects.equals(was.genderAtBirth(), row.genderAtBirth())) {
            merged.setGender(fromRow.hasGender() ? fromRow.getGender() : null);
        }
        for (ContactPoint.ContactPointSystem system : List.of(ContactPoint.ContactPointSystem.PHONE,
                ContactPoint.ContactPointSystem.EMAIL)) {
            String before = system == ContactPoint.ContactPointSystem.PHONE ? was.phone() : was.email();
            String after = system == ContactPoint.ContactPointSystem.PHONE ? row.phone() : row.email();
            if (Objects.equals(before, after)) {
                continue;
            }
            if (after == null) {
                merged.getTelecom().removeIf(t -> t.getSystem() == system);
            } else {
                replaceFirst(merged.getTelecom(), t -> t.getSystem() == system && t.hasValue(),
                        fromRow.getTelecom().stream().filter(t -> t.getSystem() == system).findFirst());
            }
        }
        if (row.address().equals(PostalAddress.NONE) && !was.address().equals(PostalAddress.NONE)) {
            merged.getAddress().clear();
        } else if (!was.address().equals(row.address())) {
            Optional<Address> held = merged.getAddress().stream().filter(a -> a.getUse() == Address.AddressUse.HOME)
                    .findFirst().or(() -> merged.getAddress().stream().findFirst());
            replaceFirst(merged.getAddress(), a -> held.isPresent() && a == held.get(),
                    fromRow.getAddress().stream().findFirst());
        }
        if (row.emergencyContact().equals(EmergencyContact.NONE)
                && !was.emergencyContact().equals(EmergencyContact.NONE)) {
            merged.getContact().removeIf(PatientMapper::isEmergencyContact);
        } else if (!was.emergencyContact().equals(row.emergencyContact())) {
            replaceFirst(merged.getContact(), PatientMapper::isEmergencyContact,
                    fromRow.getContact().stream().findFirst());
        }
        if (!was.riskLevel().equals(row.riskLevel())) {
            merged.getExtension().removeIf(e -> CuraCanonical.RISK_LEVEL_EXTENSION.equals(e.getUrl()));
            merged.addExtension(fromRow.getExtensionByUrl(CuraCanonical.RISK_LEVEL_EXTENSION));
        }
        if (!was.flags().equals(row.flags())) {
            merged.getExtension().removeIf(e -> CuraCanonical.PATIENT_FLAG_EXTENSION.equals(e.getUrl()));
            fromRow.getExtensionsByUrl(CuraCanonical.PATIENT_FLAG_EXTENSION).forEach(merged::addExtension);
        }
        if (was.active() != row.active()) {
            merged.setActive(row.active());
        }
        return merged;
    }

    private static void replaceIdentifier(Patient merged, Patient fromRow, String system) {
        int at = 0;
        for (int i = 0; i < merged.getIdentifier().size(); i++) {
            if (system.equals(merged.getIdentifier().get(i).getSystem())) {
                at = i;
                break;
            }
        }
        merged.getIdentifier().removeIf(i -> system.equals(i.getSystem()));
        Optional<Identifier> replacement = fromRow.getIdentifier().stream()
                .filter(i -> system.equals(i.getSystem())).findFirst();
        if (replacement.isPresent()) {
            merged.getIdentifier().add(Math.min(at, merged.getIdentifier().size()), replacement.get());
        }
    }

    /** Replaces the first element that {@code held} picks with {@code replacement} (or removes it), in its place. */
    private static <T> void replaceFirst(List<T> elements, java.util.function.Predicate<T> held,
            Optional<T> replacement) {
        for (int i = 0; i < elements.size(); i++) {
            if (held.test(elements.get(i))) {
                int at = i;
                elements.remove(at);
                replacement.ifPresent(element -> elements.add(at, element));
                return;
            }
        }
        replacement.ifPresent(element -> elements.add(0, element));
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
