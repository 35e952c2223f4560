package health.cura.fhir.tables;

/** One column of a Cura table: its name, type and the kind of data it holds. */
public record Column(String name, SqlType type, DataKind kind) {

    static Column column(String name, SqlType type, DataKind kind) {
        return new Column(name, type, kind);
    }
}
