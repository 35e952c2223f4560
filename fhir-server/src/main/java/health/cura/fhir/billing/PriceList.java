package health.cura.fhir.billing;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.ChargeItemDefinition;
import org.hl7.fhir.r4.model.ChargeItemDefinition.ChargeItemDefinitionPropertyGroupPriceComponentComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Invoice.InvoicePriceComponentType;

/**
 * The clinic's price list: its active ChargeItemDefinitions (FHIR only; the Cura schema has no price table). An item
 * is priced by its base price component; its tax component's code says its VAT category (none: exempt, as care by a
 * health professional is). It applies to what was done when one of its codings is a coding of the appointment or
 * encounter ({@code appointmentType}, {@code serviceType}, {@code type}); its coding in the clinic's price-list system
 * is the line's code.
 */
public class PriceList {

    /** A price of the list. */
    public record Price(String code, String description, BigDecimal unitPrice, String currency, String vatCategory,
            List<Coding> appliesTo) {

        boolean appliesToAny(List<Coding> done) {
            return appliesTo.stream().anyMatch(mine -> done.stream().anyMatch(theirs ->
                    mine.hasSystem() && mine.getSystem().equals(theirs.getSystem()) && mine.hasCode()
                            && mine.getCode().equals(theirs.getCode())));
        }
    }

    private final DaoRegistry daos;

    public PriceList(DaoRegistry daos) {
        this.daos = daos;
    }

    /** The clinic's active prices, read as the caller (a price list is short: read whole). */
    public List<Price> prices(String subdomain, RequestDetails request) {
        SearchParameterMap active = SearchParameterMap.newSynchronous("status", new TokenParam("active"));
        List<Price> prices = new ArrayList<>();
        for (var found : daos.getResourceDao(ChargeItemDefinition.class).search(active, request).getAllResources()) {
            price((ChargeItemDefinition) found, subdomain).ifPresent(prices::add);
        }
        return prices;
    }

    private static Optional<Price> price(ChargeItemDefinition item, String subdomain) {
        BigDecimal amount = null;
        String currency = null;
        String category = "exempt";
        for (var group : item.getPropertyGroup()) {
            for (ChargeItemDefinitionPropertyGroupPriceComponentComponent component : group.getPriceComponent()) {
                if (!component.hasType()) {
                    continue;
                }
                if (InvoicePriceComponentType.BASE.toCode().equals(component.getType().toCode())
                        && component.hasAmount() && component.getAmount().hasValue() && amount == null) {
                    amount = component.getAmount().getValue();
                    currency = component.getAmount().getCurrency();
                }
                if (InvoicePriceComponentType.TAX.toCode().equals(component.getType().toCode())) {
                    category = component.getCode().getCoding().stream()
                            .filter(c -> CuraEnums.VAT_CATEGORY.system().equals(c.getSystem())
                                    && CuraEnums.VAT_CATEGORY.contains(c.getCode()))
                            .map(Coding::getCode).findFirst().orElse(category);
                }
            }
        }
        if (amount == null || !item.hasCode()) {
            return Optional.empty();
        }
        String system = CuraCanonical.priceListSystem(subdomain);
        String code = item.getCode().getCoding().stream().filter(c -> system.equals(c.getSystem()))
                .map(Coding::getCode).findFirst().orElse(null);
        String description = Optional.ofNullable(item.getTitle())
                .or(() -> Optional.ofNullable(item.getCode().getText()))
                .or(() -> item.getCode().getCoding().stream().map(Coding::getDisplay).filter(d -> d != null).findFirst())
                .orElse(code == null ? "Service" : code);
        return Optional.of(new Price(code, description, amount, currency, category, item.getCode().getCoding()));
    }
}
