package health.cura.fhir.billing;

/**
 * How a clinic bills: its currency and its payment terms.
 *
 * @param currency        ISO 4217 code every amount of the clinic is in
 * @param paymentTermDays days from an invoice's date to its due date
 */
public record BillingTerms(String currency, int paymentTermDays) {}
