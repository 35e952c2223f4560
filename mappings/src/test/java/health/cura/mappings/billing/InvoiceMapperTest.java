package health.cura.mappings.billing;

import static health.cura.mappings.Generators.optionalText;
import static health.cura.mappings.Generators.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraCode;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.InMemoryLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.UnmappableResourceException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.Invoice.InvoicePriceComponentType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Reference;

class InvoiceMapperTest {

    private static final int PATIENT_ROW = 41;
    private static final LocalDateTime TODAY = LocalDateTime.of(2026, 12, 3, 9, 0);

    private final InMemoryLinks links = new InMemoryLinks();
    private final MappingContext context = links.context();

    @Property(tries = 500)
    void rowToResourceToRowIsExact(@ForAll("rows") InvoiceRow row) {
        Invoice invoice = InvoiceMapper.toFhir(row, PATIENT_ROW, "GBP", context);
        // through JSON, as a client would send it back
        Invoice parsed = FhirContext.forR4Cached().newJsonParser().parseResource(Invoice.class,
                FhirContext.forR4Cached().newJsonParser().encodeResourceToString(invoice));
        BilledPatient patient = new BilledPatient(PATIENT_ROW, row.patientNumber(), "someone else", "9999999999");
        assertThat(InvoiceMapper.toRow(parsed, patient, new InvoiceDates(TODAY, 30), row.paidAmount(), "GBP",
                context)).isEqualTo(row);
    }

    @Property(tries = 300)
    void totalsAreAlwaysTheSumsOfTheirComponents(@ForAll("rows") InvoiceRow row) {
        Invoice invoice = InvoiceMapper.toFhir(row, PATIENT_ROW, "GBP", context);
        BigDecimal net = sum(invoice, InvoicePriceComponentType.BASE).add(sum(invoice, InvoicePriceComponentType.DISCOUNT));
        assertThat(invoice.getTotalNet().getValue()).isEqualByComparingTo(net);
        assertThat(invoice.getTotalGross().getValue())
                .isEqualByComparingTo(net.add(sum(invoice, InvoicePriceComponentType.TAX)));
        for (Invoice.InvoiceLineItemComponent line : invoice.getLineItem()) {
            assertThat(line.getPriceComponent()).allSatisfy(c -> assertThat(c.getAmount().getCurrency()).isEqualTo("GBP"));
        }
    }

    @Example
    void aPlainFhirInvoiceGetsItsTotalsFromItsLinesAndItsDatesFromTheFillRules() {
        Invoice invoice = new Invoice().setStatus(Invoice.InvoiceStatus.DRAFT);
        invoice.setSubject(new Reference("Patient/" + links.resourceId("Patient", PATIENT_ROW).get()));
        Invoice.InvoiceLineItemComponent line = invoice.addLineItem();
        line.getChargeItemCodeableConcept().setText("Physiotherapy session");
        line.addPriceComponent().setType(InvoicePriceComponentType.BASE).setFactor(new BigDecimal("3"))
                .setAmount(new Money().setValue(new BigDecimal("135.00")).setCurrency("GBP"));
        line.addPriceComponent().setType(InvoicePriceComponentType.DISCOUNT)
                .setAmount(new Money().setValue(new BigDecimal("-15")).setCurrency("GBP"));
        Invoice.InvoiceLineItemComponent report = invoice.addLineItem();
        report.getChargeItemCodeableConcept().setText("Medical report for an insurer");
        report.addPriceComponent().setType(InvoicePriceComponentType.BASE)
                .setAmount(new Money().setValue(new BigDecimal("50")));
        report.addPriceComponent().setType(InvoicePriceComponentType.TAX).setFactor(new BigDecimal("0.20"))
                .setAmount(new Money().setValue(new BigDecimal("10.00")));

        InvoiceRow row = InvoiceMapper.toRow(invoice, new BilledPatient(PATIENT_ROW, "P00041", "Ada Lovelace",
                "9434765919"), new InvoiceDates(TODAY, 14), BigDecimal.ZERO.setScale(2), "GBP", context);

        assertThat(row.subtotal()).isEqualByComparingTo("185.00");
        assertThat(row.discount()).isEqualByComparingTo("15.00");
        assertThat(row.tax()).isEqualByComparingTo("10.00");
        assertThat(row.totalAmount()).isEqualByComparingTo("180.00");
        assertThat(row.items().get(0).unitPrice()).isEqualByComparingTo("45.00");
        assertThat(row.items().get(0).quantity()).isEqualByComparingTo("3");
        assertThat(row.patientName()).isEqualTo("Ada Lovelace");
        assertThat(row.nhsNumber()).isEqualTo("9434765919");
        assertThat(row.patientNumber()).isEqualTo("P00041");
        assertThat(row.invoiceDate()).isEqualTo(TODAY);
        assertThat(row.dateOfService()).isEqualTo(TODAY);
        assertThat(row.dueDate()).isEqualTo(TODAY.plusDays(14));
        assertThat(row.invoiceType()).isEqualTo("payment");
    }

    @Example
    void aTotalThatIsNotTheSumOfItsComponentsIsRefused() {
        Invoice invoice = new Invoice().setStatus(Invoice.InvoiceStatus.DRAFT);
        invoice.setSubject(new Reference("Patient/" + links.resourceId("Patient", PATIENT_ROW).get()));
        Invoice.InvoiceLineItemComponent line = invoice.addLineItem();
        line.getChargeItemCodeableConcept().setText("Consultation");
        line.addPriceComponent().setType(InvoicePriceComponentType.BASE)
                .setAmount(new Money().setValue(new BigDecimal("80.00")));
        invoice.setTotalGross(new Money().setValue(new BigDecimal("90.00")).setCurrency("GBP"));
        assertThatThrownBy(() -> toRow(invoice)).isInstanceOf(UnmappableResourceException.class)
                .hasMessageContaining("Invoice.totalGross 90.00 is not the sum of its components (80.00)");
    }

    @Example
    void fractionsOfAPennyAndOtherCurrenciesAreRefused() {
        Invoice invoice = new Invoice().setStatus(Invoice.InvoiceStatus.DRAFT);
        invoice.setSubject(new Reference("Patient/" + links.resourceId("Patient", PATIENT_ROW).get()));
        Invoice.InvoiceLineItemComponent line = invoice.addLineItem();
        line.getChargeItemCodeableConcept().setText("Consultation");
        line.addPriceComponent().setType(InvoicePriceComponentType.BASE)
                .setAmount(new Money().setValue(new BigDecimal("80.005")));
        assertThatThrownBy(() -> toRow(invoice)).hasMessageContaining("80.005 is not exact to the penny");
        line.getPriceComponentFirstRep().setAmount(new Money().setValue(new BigDecimal("80")).setCurrency("EUR"));
        assertThatThrownBy(() -> toRow(invoice)).hasMessageContaining("this clinic bills in GBP, not EUR");
    }

    @Example
    void theCuraStatusOverdueIsIssuedWithItsOwnCode() {
        InvoiceRow overdue = new InvoiceRow("INV-000007", "P00002", "Ann Lee", null, TODAY, TODAY, TODAY.plusDays(30),
                "overdue", "payment", new BigDecimal("10.00"), BigDecimal.ZERO.setScale(2),
                BigDecimal.ZERO.setScale(2), new BigDecimal("10.00"), BigDecimal.ZERO.setScale(2), List.of(), null);
        Invoice invoice = InvoiceMapper.toFhir(overdue, PATIENT_ROW, "GBP", context);
        assertThat(invoice.getStatus()).isEqualTo(Invoice.InvoiceStatus.ISSUED);
        assertThat(invoice.getIdentifierFirstRep().getUse()).isEqualTo(
                org.hl7.fhir.r4.model.Identifier.IdentifierUse.OFFICIAL);
        assertThat(((DateTimeType) invoice.getExtensionByUrl(CuraCanonical.DUE_DATE_EXTENSION).getValue()).getValue())
                .isNotNull();
        // a client that takes the status back to issued without the extension gets sent
        invoice.getStatusElement().getExtension().clear();
        assertThat(toRow(invoice).status()).isEqualTo("sent");
    }

    private InvoiceRow toRow(Invoice invoice) {
        return InvoiceMapper.toRow(invoice, new BilledPatient(PATIENT_ROW, "P00041", "Ada Lovelace", null),
                new InvoiceDates(TODAY, 30), BigDecimal.ZERO.setScale(2), "GBP", context);
    }

    private static BigDecimal sum(Invoice invoice, InvoicePriceComponentType type) {
        return invoice.getTotalPriceComponent().stream().filter(c -> c.getType() == type)
                .map(c -> c.getAmount().getValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Provide
    Arbitrary<InvoiceRow> rows() {
        Arbitrary<LocalDateTime> at = Arbitraries.longs().between(1_500_000_000L, 2_000_000_000L)
                .map(seconds -> LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
        Arbitrary<List<InvoiceLine>> lines = line().list().ofMaxSize(4);
        return Combinators.combine(
                Combinators.combine(Arbitraries.of("INV-000001", "DRAFT-000042", "A/2024/17"),
                        Arbitraries.strings().numeric().ofLength(5).map(n -> "P" + n), text(3),
                        Arbitraries.of("9434765919", "9876543210").injectNull(0.4)).as(Head::new),
                at, Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 60),
                Arbitraries.of(CuraEnums.INVOICE_STATUS.codes()).map(CuraCode::code),
                Arbitraries.of(CuraEnums.INVOICE_TYPE.codes()).map(CuraCode::code), lines, optionalText(8))
                .as((head, invoiceDate, serviceDaysBefore, termDays, status, type, items, notes) -> {
                    BigDecimal zero = BigDecimal.ZERO.setScale(2);
                    BigDecimal subtotal = items.stream().map(InvoiceLine::base).reduce(zero, BigDecimal::add);
                    BigDecimal discount = items.stream().map(InvoiceLine::discount).reduce(zero, BigDecimal::add);
                    BigDecimal tax = items.stream().map(InvoiceLine::vat).reduce(zero, BigDecimal::add);
                    if (items.isEmpty()) {
                        subtotal = new BigDecimal("25.00");
                    }
                    BigDecimal total = subtotal.subtract(discount).add(tax);
                    BigDecimal paid = "paid".equals(status) ? total : zero;
                    return new InvoiceRow(head.number(), head.patientNumber(), head.name(), head.nhsNumber(),
                            invoiceDate.minusDays(serviceDaysBefore), invoiceDate, invoiceDate.plusDays(termDays),
                            status, type, subtotal, tax, discount, total, paid, items, notes);
                });
    }

    private record Head(String number, String patientNumber, String name, String nhsNumber) {}

    private Arbitrary<InvoiceLine> line() {
        Arbitrary<BigDecimal> pence = Arbitraries.integers().between(1, 500_000).map(p -> BigDecimal.valueOf(p, 2));
        Arbitrary<BigDecimal> quantity = Arbitraries.of(new BigDecimal("1"), new BigDecimal("2"), new BigDecimal("0.5"),
                new BigDecimal("1.25"), new BigDecimal("12"));
        Arbitrary<String> category = Arbitraries.of(CuraEnums.VAT_CATEGORY.codes()).map(CuraCode::code).injectNull(0.3);
        return Combinators.combine(Arbitraries.of("CONS-30", "PHYSIO").injectNull(0.5), text(4), quantity, pence,
                        Arbitraries.integers().between(0, 100), category, optionalText(6))
                .as((code, description, qty, unit, discountPercent, vatCategory, reason) -> {
                    BigDecimal base = Pence.rounded(qty.multiply(unit));
                    BigDecimal discount = Pence.rounded(base.multiply(BigDecimal.valueOf(discountPercent, 2)));
                    BigDecimal rate = "standard".equals(vatCategory) ? new BigDecimal("0.20")
                            : "reduced".equals(vatCategory) ? new BigDecimal("0.05")
                            : "zero".equals(vatCategory) ? new BigDecimal("0") : null;
                    BigDecimal vat = rate == null ? BigDecimal.ZERO.setScale(2)
                            : Pence.rounded(base.subtract(discount).multiply(rate));
                    return new InvoiceLine(code, description, qty, unit, discount, rate, vat, vatCategory,
                            vatCategory == null ? null : reason);
                });
    }
}
