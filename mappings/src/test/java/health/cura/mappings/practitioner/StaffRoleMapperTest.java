package health.cura.mappings.practitioner;

import static health.cura.mappings.Generators.optionalText;
import static health.cura.mappings.Generators.text;
import static org.assertj.core.api.Assertions.assertThat;

import health.cura.conformance.terminology.CuraEnums;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PractitionerRole;

class StaffRoleMapperTest {

    @Property(tries = 500)
    void rowToResourceToRowIsExact(@ForAll("rows") StaffRoleRow row) {
        assertThat(StaffRoleMapper.toRow(StaffRoleMapper.toFhir(row))).isEqualTo(row);
    }

    @Example
    void standardNurseCodeIsTheNurseRole() {
        PractitionerRole role = new PractitionerRole();
        role.addCode().addCoding(new Coding(CuraEnums.PRACTITIONER_ROLE, "nurse", null));
        assertThat(StaffRoleMapper.toRow(role).role()).isEqualTo("nurse");
        assertThat(StaffRoleMapper.toRow(new PractitionerRole()).role()).isNull();
    }

    @Provide
    Arbitrary<StaffRoleRow> rows() {
        Arbitrary<StaffRoleRow.WorkingHours> hours = Combinators.combine(
                        Arbitraries.integers().between(6, 11), Arbitraries.integers().between(12, 21),
                        Arbitraries.of("00", "30"))
                .as((start, end, minutes) -> new StaffRoleRow.WorkingHours(
                        String.format("%02d:%s", start, minutes), String.format("%02d:00", end)))
                .injectNull(0.3);
        Arbitrary<String[]> specialties = Arbitraries.oneOf(Arbitraries.just(new String[] {null, null}),
                Combinators.combine(text(3), optionalText(3)).as((a, b) -> new String[] {a, b}));
        return Combinators.combine(
                        Arbitraries.of("doctor", "nurse", "admin", "receptionist", "sample_taker", "radiographer")
                                .injectNull(0.2),
                        optionalText(2), specialties,
                        Arbitraries.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
                                .list().uniqueElements().ofMaxSize(7)
                                .map(days -> days.stream().sorted(java.util.Comparator.comparingInt(
                                        d -> java.util.List.of("monday", "tuesday", "wednesday", "thursday", "friday",
                                                "saturday", "sunday").indexOf(d))).toList()),
                        hours)
                .as((role, department, s, days, h) -> new StaffRoleRow(role, department, s[0], s[1], days, h));
    }
}
