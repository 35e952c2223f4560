package health.cura.fhir.billing;

import health.cura.mappings.billing.VatRules;

/**
 * How a clinic bills: its currency, its payment terms and its VAT.
 *
 * @param currency        ISO 4217 code every amount of the clinic is in
 * @param paymentTermDays days from an invoice's date to its due date
 * @param vat             whether and at which rates the clinic charges VAT
 */
public record BillingTerms(String currency, int paymentTermDays, VatRules vat) {}
