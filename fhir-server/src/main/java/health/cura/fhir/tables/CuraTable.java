package health.cura.fhir.tables;

import java.util.List;
import java.util.Optional;

/**
 * A Cura table as {@link CuraTables} declares it.
 *
 * @param name          the table's name
 * @param tenant        how a row belongs to a clinic
 * @param patientColumn the column naming the patient a row is about (for {@code patients}, its id)
 * @param resourceType  the FHIR type whose resources its rows are, tied by {@code fhir_resource_links}
 * @param columns       every documented column, in the document's order
 */
public record CuraTable(String name, TenantScope tenant, Optional<PatientColumn> patientColumn,
        Optional<String> resourceType, List<Column> columns) {

    public CuraTable {
        columns = List.copyOf(columns);
    }

    /** {@code patientColumn} and {@code resourceType} may be null: the table has none. */
    static CuraTable of(String name, TenantScope tenant, PatientColumn patientColumn, String resourceType,
            List<Column> columns) {
        return new CuraTable(name, tenant, Optional.ofNullable(patientColumn), Optional.ofNullable(resourceType),
                columns);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(column -> column.name().equals(columnName)).findFirst();
    }

    /** The columns holding data of that kind. */
    public List<Column> columnsOf(DataKind kind) {
        return columns.stream().filter(column -> column.kind() == kind).toList();
    }
}
