package health.cura.mappings.practitioner;

import static health.cura.mappings.Generators.text;
import static org.assertj.core.api.Assertions.assertThat;

import health.cura.mappings.InMemoryLinks;
import health.cura.mappings.MappingContext;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Practitioner;

class PractitionerMapperTest {

    private final MappingContext context = new InMemoryLinks().context();

    @Property(tries = 300)
    void rowToResourceToRowIsExact(@ForAll("rows") PractitionerRow row) {
        assertThat(PractitionerMapper.toRow(PractitionerMapper.toFhir(row, context), context)).isEqualTo(row);
    }

    @Property(tries = 300)
    void ownedElementsSurviveAlongsideOthers(@ForAll("rows") PractitionerRow row) {
        Practitioner busy = PractitionerMapper.toFhir(row, context);
        busy.addName().setUse(HumanName.NameUse.NICKNAME).setFamily("Doc");
        busy.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("0113 496 0000");
        busy.addIdentifier().setSystem("https://fhir.hl7.org.uk/Id/gmc-number").setValue("1234567");
        busy.addQualification().getCode().setText("MBBS");
        PractitionerRow owned = PractitionerMapper.toRow(busy, context);
        assertThat(owned).isEqualTo(row);
        assertThat(PractitionerMapper.toRow(PractitionerMapper.toFhir(owned, context), context)).isEqualTo(owned);
    }

    @Example
    void practitionerWithoutNameOrEmailGetsEmptyColumns() {
        assertThat(PractitionerMapper.toRow(new Practitioner(), context).lastName()).isEmpty();
        Practitioner practitioner = new Practitioner();
        practitioner.addName().setFamily("Reid");
        PractitionerRow row = PractitionerMapper.toRow(practitioner, context);
        assertThat(row.email()).isEmpty();
        assertThat(row.username()).isNull();
        assertThat(row.active()).isTrue();
    }

    @Provide
    Arbitrary<PractitionerRow> rows() {
        Arbitrary<String> username = Arbitraries.strings().alpha().numeric().withChars('.', '_')
                .ofMinLength(1).ofMaxLength(20).injectNull(0.2);
        Arbitrary<String> email = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map(s -> s + "@clinic.example"));
        Arbitrary<String> first = Arbitraries.oneOf(Arbitraries.just(""), text(2));
        return Combinators.combine(username, email, first, text(2), Arbitraries.of(true, false))
                .as(PractitionerRow::new);
    }
}
