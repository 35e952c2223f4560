package health.cura.fhir.billing;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.fhir.tenancy.Tenant;
import health.cura.fhir.tenancy.TenantDirectory;
import health.cura.mappings.billing.Pence;
import health.cura.mappings.UnmappableResourceException;
import java.math.BigDecimal;
import org.hl7.fhir.r4.model.Money;
import org.springframework.stereotype.Component;

/** The clinic a billing operation is called at, its terms, and amounts checked against them. */
@Component
public class BillingClinic {

    private final TenantDirectory tenants;
    private final ClinicBilling billing;

    public BillingClinic(TenantDirectory tenants, ClinicBilling billing) {
        this.tenants = tenants;
        this.billing = billing;
    }

    public Tenant of(RequestDetails request) {
        return tenants.findBySubdomain(request.getTenantId())
                .orElseThrow(() -> new ResourceNotFoundException("No clinic " + request.getTenantId()));
    }

    public BillingTerms terms(Tenant clinic) {
        return billing.terms(clinic.id());
    }

    /** A positive amount, exact to the penny, in the clinic's currency (a Money without a currency is taken as it). */
    public static BigDecimal amount(Money amount, String parameter, BillingTerms terms) {
        if (amount == null || !amount.hasValue()) {
            throw BillingOutcomes.badParameter(parameter, parameter + " is required: a Money with a value");
        }
        BigDecimal value;
        try {
            value = Pence.of(amount, terms.currency(), parameter);
        } catch (UnmappableResourceException e) {
            throw BillingOutcomes.badParameter(parameter, e.getMessage());
        }
        if (value.signum() <= 0) {
            throw BillingOutcomes.badParameter(parameter, parameter + " must be above zero");
        }
        return value;
    }

    /** A day given as a parameter: a full date, nothing coarser. */
    public static java.time.LocalDate day(org.hl7.fhir.r4.model.DateType given, String parameter) {
        if (given.getPrecision() != ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY) {
            throw BillingOutcomes.badParameter(parameter, parameter + " must be a full date (YYYY-MM-DD), not '"
                    + given.getValueAsString() + "'");
        }
        return java.time.LocalDate.parse(given.getValueAsString());
    }
}
