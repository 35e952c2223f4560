package health.cura.mappings;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/** Turns references into row ids and back through {@link RowLinks}. */
public final class References {

    private References() {}

    /** The row id behind a reference to {@code resourceType}, or empty when it is absent or of another type. */
    public static OptionalInt rowId(Reference reference, String resourceType, RowLinks links) {
        if (reference == null || !reference.hasReference()) {
            return OptionalInt.empty();
        }
        IdType id = new IdType(reference.getReference());
        if (!resourceType.equals(id.getResourceType()) || !id.hasIdPart() || id.isAbsolute()) {
            return OptionalInt.empty();
        }
        return links.rowId(resourceType, id.getIdPart());
    }

    /** The row behind the first of the references that points to a {@code resourceType} with a row. */
    public static OptionalInt firstRowId(List<Reference> references, String resourceType, RowLinks links) {
        for (Reference reference : references) {
            OptionalInt row = rowId(reference, resourceType, links);
            if (row.isPresent()) {
                return row;
            }
        }
        return OptionalInt.empty();
    }

    /** A reference to the resource that represents a row, or null when the row has none. */
    public static Reference toRow(String resourceType, Integer rowId, RowLinks links) {
        if (rowId == null) {
            return null;
        }
        Optional<String> id = links.resourceId(resourceType, rowId);
        return id.map(value -> new Reference(resourceType + "/" + value)).orElse(null);
    }
}
