package health.cura.fhir.tables;

/** What a column holds, as data protection tells columns apart (GDPR export and erasure, change capture). */
public enum DataKind {
    /** Row ids and foreign keys: no personal data of their own. */
    KEY,
    /** Who a person is: names, date of birth, NHS number, usernames, the clinic's patient number. */
    IDENTITY,
    /** How to reach a person: email, phone, address, emergency contact, communication preferences. */
    CONTACT,
    /** Health data (a special category under UK GDPR Art. 9). */
    CLINICAL,
    /** Money: prices, totals, payments, insurance. */
    FINANCIAL,
    /** Who did what when: creation and change stamps, addresses and agents of requests, the audit trail. */
    AUDIT,
    /**
     * What the law has the clinic keep as evidence: consents given and withdrawn, data subject requests and how they
     * were handled. Erasure keeps it; export includes it.
     */
    LEGAL,
    /** Credentials: password hashes, integration tokens. */
    SECRET,
    /** The clinic's or the platform's own running data: settings, stock, statuses of records. */
    OPERATIONAL
}
