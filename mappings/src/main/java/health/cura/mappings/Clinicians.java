package health.cura.mappings;

import java.util.List;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.Reference;

/**
 * The staff row a clinical row names as its clinician ({@code doctor_id}, {@code provider_id}, ...), from the
 * resource's references: a Practitioner of the clinic, else a PractitionerRole of the clinic, which stands for the
 * practitioner it names (the server resolves the role to that practitioner's row, UK Core's usual way of naming a
 * prescriber or a performer). Where none is named (an Organization, a Location, a role with no person, nothing), the
 * clinic's unnamed clinician: the fill rule of {@code mappings/README.md}.
 */
public final class Clinicians {

    private static final List<String> TYPES = List.of("Practitioner", "PractitionerRole");

    private Clinicians() {}

    /** The row of the first Practitioner among the references, else of the first PractitionerRole with one. */
    public static OptionalInt named(List<Reference> references, RowLinks links) {
        for (String type : TYPES) {
            OptionalInt row = References.firstRowId(references, type, links);
            if (row.isPresent()) {
                return row;
            }
        }
        return OptionalInt.empty();
    }

    /** As {@link #named}, else the clinic's unnamed clinician (empty where the context has none). */
    public static OptionalInt namedOrUnnamed(List<Reference> references, MappingContext context) {
        OptionalInt row = named(references, context.links());
        return row.isPresent() ? row : context.unnamedClinician().get();
    }
}
