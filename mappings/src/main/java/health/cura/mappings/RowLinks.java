package health.cura.mappings;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The link between Cura rows and the FHIR resources that represent them (FHIR ids are UUIDs, never row ids). Mappers
 * use it to turn references into foreign keys and back; the server implements it over its link table.
 */
public interface RowLinks {

    /** The row of the resource {@code resourceType/resourceId} in the current tenant, if it has one. */
    OptionalInt rowId(String resourceType, String resourceId);

    /** The id of the resource of {@code resourceType} that represents the row, if there is one. */
    Optional<String> resourceId(String resourceType, int rowId);
}
