package health.cura.mappings.patient;

import static health.cura.mappings.Generators.optionalText;
import static health.cura.mappings.Generators.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.cura.conformance.CuraCanonical;
import health.cura.mappings.InMemoryLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.UnmappableResourceException;
import java.time.LocalDate;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;

class PatientMapperTest {

    private final MappingContext context = new InMemoryLinks().context();

    @Property(tries = 500)
    void rowToResourceToRowIsExact(@ForAll("rows") PatientRow row) {
        assertThat(PatientMapper.toRow(PatientMapper.toFhir(row, context), context)).isEqualTo(row);
    }

    /**
     * A resource from outside carries more than the row holds (other names, identifiers, telecoms, addresses): the
     * elements the mapper owns survive a trip through the row.
     */
    @Property(tries = 500)
    void resourceToRowToResourceKeepsOwnedElements(@ForAll("rows") PatientRow row, @ForAll long seed) {
        Patient busy = PatientMapper.toFhir(row, context);
        addOtherElements(busy, new Random(seed));
        PatientRow owned = PatientMapper.toRow(busy, context);
        Patient back = PatientMapper.toFhir(owned, context);
        assertThat(PatientMapper.toRow(back, context)).isEqualTo(owned);
        assertThat(owned).isEqualTo(row);
    }

    /** A row that did not change, merged into its Patient, changes nothing: no new version from an echo. */
    @Property(tries = 300)
    void mergingTheRowAPatientAlreadyHasChangesNothing(@ForAll("rows") PatientRow row, @ForAll long seed) {
        Patient busy = PatientMapper.toFhir(row, context);
        addOtherElements(busy, new Random(seed));
        busy.getAddressFirstRep().setState("West Yorkshire");

        Patient merged = PatientMapper.merge(busy, PatientMapper.toRow(busy, context), context);

        assertThat(merged.equalsDeep(busy)).as("unchanged").isTrue();
    }

    /** A row changed by other software: every owned value comes from it, every other element stays. */
    @Property(tries = 300)
    void mergeTakesEveryOwnedValueFromTheRowAndKeepsTheRest(
            @ForAll("rows") PatientRow before, @ForAll("rows") PatientRow after, @ForAll long seed) {
        Patient busy = PatientMapper.toFhir(before, context);
        addOtherElements(busy, new Random(seed));
        busy.setMultipleBirth(new org.hl7.fhir.r4.model.BooleanType(true));

        Patient merged = PatientMapper.merge(busy, after, context);

        assertThat(PatientMapper.toRow(merged, context)).isEqualTo(after);
        assertThat(merged.getName()).anyMatch(n -> n.getUse() == HumanName.NameUse.NICKNAME);
        assertThat(merged.getIdentifier()).anyMatch(i -> "https://example.org/mrn".equals(i.getSystem()));
        assertThat(merged.getTelecom()).anyMatch(t -> t.getSystem() == ContactPoint.ContactPointSystem.FAX);
        assertThat(merged.getContact()).anyMatch(c -> c.getRelationshipFirstRep().getText() != null
                && c.getRelationshipFirstRep().getText().equals("Neighbour"));
        assertThat(merged.getMultipleBirthBooleanType().booleanValue()).isTrue();
    }

    @Example
    void aPartialBirthDateStaysWhenTheRowHasNoneAsBefore() {
        Patient patient = named();
        patient.getBirthDateElement().setValueAsString("1970-03");
        PatientRow row = PatientMapper.toRow(patient, context);

        Patient merged = PatientMapper.merge(patient, new PatientRow(row.patientNumber(), "Ada", "Okafor-Smith",
                null, null, null, null, null, PostalAddress.NONE, EmergencyContact.NONE, "low", java.util.List.of(),
                true), context);

        assertThat(merged.getBirthDateElement().getValueAsString()).isEqualTo("1970-03");
        assertThat(merged.getNameFirstRep().getFamily()).isEqualTo("Okafor-Smith");
    }

    @Example
    void nhsNumberWithSpacesIsStoredAsTenDigits() {
        Patient patient = named();
        patient.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue("943 476 5919");
        assertThat(PatientMapper.toRow(patient, context).nhsNumber()).isEqualTo("9434765919");
    }

    @Example
    void invalidNhsNumberIsRefusedNamingTheIdentifier() {
        Patient patient = named();
        patient.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue("9434765918");
        assertThatThrownBy(() -> PatientMapper.toRow(patient, context))
                .isInstanceOf(UnmappableResourceException.class)
                .satisfies(e -> assertThat(((UnmappableResourceException) e).element()).isEqualTo("Patient.identifier"));
    }

    @Example
    void unnamedPatientIsStoredWithEmptyNamesAndShownWithoutAName() {
        PatientRow row = PatientMapper.toRow(new Patient(), context);
        assertThat(row.lastName()).isEmpty();
        assertThat(row.firstName()).isEmpty();
        assertThat(PatientMapper.toFhir(row, context).hasName()).isFalse();
    }

    @Example
    void absentRiskLevelIsLowAndUnknownOneIsRefused() {
        Patient patient = named();
        assertThat(PatientMapper.toRow(patient, context).riskLevel()).isEqualTo("low");
        patient.addExtension(CuraCanonical.RISK_LEVEL_EXTENSION, new CodeType("severe"));
        assertThatThrownBy(() -> PatientMapper.toRow(patient, context))
                .hasMessageContaining("'severe' is not one of low, medium, high");
    }

    @Example
    void partialBirthDateIsNotMadeUp() {
        Patient patient = named();
        patient.getBirthDateElement().setValueAsString("1970-03");
        assertThat(PatientMapper.toRow(patient, context).dateOfBirth()).isNull();
    }

    @Example
    void usualNameIsUsedWhenThereIsNoOfficialOne() {
        Patient patient = new Patient();
        patient.addName().setUse(HumanName.NameUse.OLD).setFamily("Maiden").addGiven("Ann");
        patient.addName().setUse(HumanName.NameUse.USUAL).setFamily("Married").addGiven("Ann").addGiven("Marie");
        PatientRow row = PatientMapper.toRow(patient, context);
        assertThat(row.lastName()).isEqualTo("Married");
        assertThat(row.firstName()).isEqualTo("Ann Marie");
    }

    private static Patient named() {
        Patient patient = new Patient();
        patient.addName().setFamily("Okafor").addGiven("Ada");
        return patient;
    }

    private static void addOtherElements(Patient patient, Random random) {
        patient.addName().setUse(HumanName.NameUse.NICKNAME).setFamily("Nick").addGiven("Name");
        patient.addIdentifier().setSystem("https://example.org/mrn").setValue("MRN" + random.nextInt(1000));
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.FAX).setValue("01632 960" + random.nextInt(999));
        if (patient.hasAddress()) {
            // the home address is the one the row holds; without one, the first address would be
            patient.getAddress().add(0, new Address().setUse(Address.AddressUse.WORK).addLine("1 Office Park"));
        }
        patient.addContact().addRelationship().setText("Neighbour");
        boolean hasPhone = patient.getTelecom().stream()
                .anyMatch(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE);
        if (hasPhone && random.nextBoolean()) {
            // a second phone comes after the first, which stays the one the row holds
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("second phone");
        }
    }

    @Provide
    Arbitrary<PatientRow> rows() {
        Arbitrary<String> patientNumber = Arbitraries.strings().numeric().ofLength(5).map(n -> "P" + n);
        Arbitrary<LocalDate> birth = Arbitraries.integers().between(0, 45_000)
                .map(days -> LocalDate.of(1900, 1, 1).plusDays(days)).injectNull(0.1);
        Arbitrary<String> gender = Arbitraries.of("male", "female", "other", "unknown").injectNull(0.2);
        Arbitrary<String> email = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(10)
                .map(local -> local + "@example.com").injectNull(0.3);
        Arbitrary<String> phone = Arbitraries.strings().numeric().ofLength(6).map(n -> "07700 9" + n.substring(1))
                .injectNull(0.3);
        Arbitrary<String> nhs = Arbitraries.longs().map(seed -> NhsNumber.randomTestNumber(new Random(seed)))
                .injectNull(0.2);
        Arbitrary<PostalAddress> address = Combinators.combine(text(4), optionalText(3), optionalText(2),
                        optionalText(2), optionalText(2), Arbitraries.of("GB", "United Kingdom").injectNull(0.5))
                .as(PostalAddress::new);
        Arbitrary<PostalAddress> maybeAddress = Arbitraries.oneOf(address, Arbitraries.just(PostalAddress.NONE));
        Arbitrary<EmergencyContact> contact = Arbitraries.oneOf(
                Combinators.combine(optionalText(3), optionalText(2), phone, email).as(EmergencyContact::new),
                Arbitraries.just(EmergencyContact.NONE));
        Arbitrary<String> risk = Arbitraries.of("low", "medium", "high");
        return Combinators.combine(
                        Combinators.combine(patientNumber, text(3), text(2), birth, gender, email, phone, nhs)
                                .as(Names::new),
                        maybeAddress, contact, risk, text(3).list().ofMaxSize(3), Arbitraries.of(true, false))
                .as((n, a, c, r, flags, active) -> new PatientRow(n.number, n.first, n.last, n.birth, n.gender,
                        n.email, n.phone, n.nhs, a, c, r, flags, active));
    }

    private record Names(String number, String first, String last, LocalDate birth, String gender, String email,
            String phone, String nhs) {}

    @Example
    void genderIsTheAdministrativeGender() {
        Patient patient = named().setGender(AdministrativeGender.FEMALE);
        assertThat(PatientMapper.toRow(patient, context).genderAtBirth()).isEqualTo("female");
    }
}
