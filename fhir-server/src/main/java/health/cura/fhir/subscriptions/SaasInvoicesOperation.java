package health.cura.fhir.subscriptions;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/** {@code GET /fhir/DEFAULT/$saas-invoices}: the platform's invoices to clinics, newest first. Platform only. */
public class SaasInvoicesOperation extends PlatformOperation {

    private static final int MAXIMUM = 500;

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("saas-invoices", "The platform's invoices to clinics",
                    "SaaS invoices (saas_invoices), newest first: all clinics', or one clinic's.")
            .system()
            .in("tenant", "string", 0, "1", "only this clinic's")
            .in("count", "integer", 0, "1", "at most this many (default 100, at most 500)")
            .out("invoice", null, 0, "*", "one per invoice")
            .part("number", "string", 1, "1", "SAAS-<year>-<nnnnnn>")
            .part("tenant", "string", 1, "1", "the clinic")
            .part("amount", "Money", 1, "1", "what it charges")
            .part("status", "code", 1, "1", "draft | sent | paid | overdue | cancelled")
            .part("issued", "instant", 1, "1", "when it was issued")
            .part("due", "instant", 1, "1", "when it is due")
            .part("paid", "instant", 0, "1", "when it was paid")
            .build();

    private final PlatformListings listings;

    public SaasInvoicesOperation(PlatformListings listings) {
        this.listings = listings;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Operation(name = "$saas-invoices", idempotent = true)
    public Parameters invoices(@OperationParam(name = "tenant") StringType tenant,
            @OperationParam(name = "count") IntegerType count) {
        int limit = count == null || count.getValue() == null ? 100 : count.getValue();
        if (limit < 1 || limit > MAXIMUM) {
            throw Refusals.badParameter("count", "count is from 1 to " + MAXIMUM);
        }
        Parameters answer = new Parameters();
        for (PlatformListings.Invoice invoice : listings.invoices(Optional.ofNullable(tenant)
                .map(StringType::getValue).filter(name -> !name.isBlank()), limit)) {
            Parameters.ParametersParameterComponent one = answer.addParameter().setName("invoice");
            one.addPart().setName("number").setValue(new StringType(invoice.number()));
            one.addPart().setName("tenant").setValue(new StringType(invoice.tenant()));
            one.addPart().setName("amount").setValue(new Money().setValue(invoice.amount())
                    .setCurrency(invoice.currency()));
            one.addPart().setName("status").setValue(new CodeType(invoice.status()));
            one.addPart().setName("issued").setValue(instant(invoice.issued()));
            one.addPart().setName("due").setValue(instant(invoice.due()));
            invoice.paid().ifPresent(paid -> one.addPart().setName("paid").setValue(instant(paid)));
        }
        return answer;
    }

    private static InstantType instant(LocalDateTime utc) {
        return new InstantType(Date.from(utc.toInstant(ZoneOffset.UTC)));
    }
}
