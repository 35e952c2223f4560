package health.cura.fhir.mapping;

/** The per-clinic numbers the server assigns, and how each is written. */
public enum NumberKind {
    PATIENT("patients", "patient_id", "P", 5, "patient number", "patient"),
    PRESCRIPTION("prescriptions", "prescription_number", "RX", 6, "prescription number", "prescription"),
    LAB("lab_results", "lab_number", "LAB", 6, "lab number", "lab result"),
    /** A draft's provisional number: drawn like the others, so a draft abandoned leaves a gap no one sees. */
    INVOICE_DRAFT("invoices", "invoice_number", health.cura.mappings.billing.InvoiceMapper.PROVISIONAL_PREFIX, 6,
            "provisional invoice number", "invoice"),
    /** An issued invoice's number: drawn in the issuing transaction, so that the clinic's numbers have no gaps. */
    INVOICE("invoices", "invoice_number", "INV-", 6, "invoice number", "invoice"),
    CLAIM("claims", "claim_number", "CLM-", 6, "claim number", "claim"),
    /** An inventory item's code, where the clinic gives it none. */
    ITEM("inventory_items", "item_code", "ITM-", 5, "item code", "inventory item");

    private final String table;
    private final String column;
    private final String prefix;
    private final int digits;
    private final String noun;
    private final String owner;

    NumberKind(String table, String column, String prefix, int digits, String noun, String owner) {
        this.table = table;
        this.column = column;
        this.prefix = prefix;
        this.digits = digits;
        this.noun = noun;
        this.owner = owner;
    }

    String noun() {
        return noun;
    }

    String owner() {
        return owner;
    }

    String table() {
        return table;
    }

    String column() {
        return column;
    }

    /** The prefix and the value, zero-padded to at least its digits ({@code RX000042}). */
    String format(long value) {
        return prefix + String.format("%0" + digits + "d", value);
    }

    /**
     * A POSIX pattern of this kind's numbers whose one group is the value; at most 18 digits, so that it fits a
     * bigint whatever else a column holds.
     */
    String digitsPattern() {
        return "^" + prefix + "([0-9]{1,18})$";
    }
}
