package health.cura.fhir.operations;

/** How the audit trail records a call of an operation. */
public enum OperationAudit {
    /** Each patient whose records are in the answer gets a {@code read} row naming them. */
    READ,
    /** Each patient whose records are written out gets an {@code export} row (bulk export, as its files are made). */
    EXPORT,
    /** The answer holds no patient's records (definitions, terminology, the platform's administration). */
    NONE
}
