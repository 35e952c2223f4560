package health.cura.mappings.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class VatRulesTest {

    private final VatRules uk = new VatRules(true, VatRules.UK_RATES, VatRules.UK_EXEMPTION);

    @Example
    void ukCareIsExemptMedicinesZeroRatedAndReportsStandardRated() {
        InvoiceLine care = uk.line("CONS-30", "Consultation", BigDecimal.ONE, new BigDecimal("80.00"),
                BigDecimal.ZERO.setScale(2), "exempt");
        assertThat(care.vat()).isEqualByComparingTo("0");
        assertThat(care.vatExemptionReason()).contains("Schedule 9, Group 7");
        InvoiceLine medicine = uk.line("MED", "Amoxicillin 500mg", new BigDecimal("2"), new BigDecimal("4.35"),
                BigDecimal.ZERO.setScale(2), "zero");
        assertThat(medicine.vat()).isEqualByComparingTo("0");
        assertThat(medicine.vatRate()).isEqualByComparingTo("0");
        InvoiceLine report = uk.line("REP", "Report for an insurer", BigDecimal.ONE, new BigDecimal("120.00"),
                new BigDecimal("20.00"), "standard");
        assertThat(report.vat()).isEqualByComparingTo("20.00");
        assertThat(report.total()).isEqualByComparingTo("120.00");
    }

    @Example
    void aClinicNotRegisteredForVatChargesNone() {
        InvoiceLine line = VatRules.notRegistered().line(null, "Botox", BigDecimal.ONE, new BigDecimal("250.00"),
                BigDecimal.ZERO.setScale(2), "standard");
        assertThat(line.vat()).isEqualByComparingTo("0");
        assertThat(line.vatCategory()).isEqualTo("outside_scope");
        assertThat(line.vatExemptionReason()).contains("not registered");
    }

    @Example
    void anEuClinicUsesItsOwnRates() {
        VatRules dutch = new VatRules(true, Map.of("standard", new BigDecimal("0.21"), "reduced",
                new BigDecimal("0.09"), "zero", BigDecimal.ZERO), "Vrijgesteld van btw (artikel 11 Wet OB)");
        assertThat(dutch.line(null, "Cosmetic treatment", BigDecimal.ONE, new BigDecimal("100.00"),
                BigDecimal.ZERO.setScale(2), "standard").vat()).isEqualByComparingTo("21.00");
    }

    /** Each line is rounded once; the line's total is always base − discount + VAT, exactly. */
    @Property(tries = 1000)
    void aLinesTotalIsExactlyItsComponents(@ForAll("pence") BigDecimal unitPrice, @ForAll("quantities") BigDecimal
            quantity, @ForAll("categories") String category) {
        InvoiceLine line = uk.line(null, "Item", quantity, unitPrice, BigDecimal.ZERO.setScale(2), category);
        assertThat(line.total()).isEqualByComparingTo(line.base().subtract(line.discount()).add(line.vat()));
        assertThat(line.vat().scale()).isEqualTo(2);
        assertThat(line.base().scale()).isEqualTo(2);
    }

    @Provide
    Arbitrary<BigDecimal> pence() {
        return Arbitraries.integers().between(1, 1_000_000).map(p -> BigDecimal.valueOf(p, 2));
    }

    @Provide
    Arbitrary<BigDecimal> quantities() {
        return Arbitraries.integers().between(1, 5000).map(q -> BigDecimal.valueOf(q, 3));
    }

    @Provide
    Arbitrary<String> categories() {
        return Arbitraries.of("standard", "reduced", "zero", "exempt", "outside_scope");
    }
}
