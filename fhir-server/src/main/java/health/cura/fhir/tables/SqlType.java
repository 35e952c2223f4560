package health.cura.fhir.tables;

import java.util.Locale;

/** A column's PostgreSQL type, as the schema document writes it, and as a writer binds it. */
public enum SqlType {
    SERIAL("integer"),
    INTEGER("integer"),
    REAL("real"),
    DECIMAL("numeric"),
    TEXT("text"),
    VARCHAR("character varying"),
    BOOLEAN("boolean"),
    DATE("date"),
    TIMESTAMP("timestamp without time zone"),
    JSONB("jsonb"),
    TEXT_ARRAY("ARRAY");

    private final String informationSchemaType;

    SqlType(String informationSchemaType) {
        this.informationSchemaType = informationSchemaType;
    }

    /** The {@code data_type} PostgreSQL's {@code information_schema.columns} reports for it. */
    public String informationSchemaType() {
        return informationSchemaType;
    }

    /** The type the schema document writes ({@code varchar(20)}, {@code decimal(10,2)}, {@code text[]}, ...). */
    public static SqlType ofDocumented(String documented) {
        String type = documented.toLowerCase(Locale.ROOT);
        if (type.startsWith("varchar")) {
            return VARCHAR;
        }
        if (type.startsWith("decimal") || type.equals("numeric")) {
            return DECIMAL;
        }
        return switch (type) {
            case "serial" -> SERIAL;
            case "integer" -> INTEGER;
            case "real" -> REAL;
            case "text" -> TEXT;
            case "text[]" -> TEXT_ARRAY;
            case "boolean" -> BOOLEAN;
            case "date" -> DATE;
            case "timestamp" -> TIMESTAMP;
            case "jsonb" -> JSONB;
            default -> throw new IllegalArgumentException("No SQL type for " + documented);
        };
    }
}
