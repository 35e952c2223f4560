package health.cura.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import net.jqwik.api.Example;
import org.hl7.fhir.r4.model.Reference;

class CliniciansTest {

    private final InMemoryLinks links = new InMemoryLinks();
    private final MappingContext withPlaceholder = new MappingContext(7, "test-clinic", links, () -> OptionalInt.of(99));

    @Example
    void aPractitionerIsPreferredToARoleWhereverEachStands() {
        Reference role = new Reference("PractitionerRole/" + links.resourceId("PractitionerRole", 3).get());
        Reference practitioner = new Reference("Practitioner/" + links.resourceId("Practitioner", 4).get());

        assertThat(Clinicians.named(List.of(role, practitioner), links)).hasValue(4);
        assertThat(Clinicians.named(List.of(role), links)).hasValue(3);
    }

    @Example
    void noClinicianNamedIsTheUnnamedClinicianWhereTheClinicHasOne() {
        List<Reference> noOne = List.of(new Reference("Organization/lab"), new Reference("Location/room-1"),
                new Reference());

        assertThat(Clinicians.named(noOne, links)).isEmpty();
        assertThat(Clinicians.namedOrUnnamed(noOne, withPlaceholder)).hasValue(99);
        assertThat(Clinicians.namedOrUnnamed(noOne, links.context())).isEmpty();
    }
}
