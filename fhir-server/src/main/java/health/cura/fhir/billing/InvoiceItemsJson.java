package health.cura.fhir.billing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import health.cura.mappings.billing.InvoiceLine;
import health.cura.mappings.billing.Pence;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code invoices.items} as the server writes it: an array of lines with {@code code}, {@code description},
 * {@code quantity}, {@code unitPrice}, {@code discount}, {@code vatRate}, {@code vat}, {@code vatCategory},
 * {@code vatExemptionReason} and {@code total}, amounts as JSON numbers with two decimals. Lines other software wrote
 * are read leniently: {@code name} for a missing description, a quantity of 1, a unit price from {@code price} or
 * from the total, no discount and no VAT when they are absent.
 */
public final class InvoiceItemsJson {

    private final ObjectReader reader;

    public InvoiceItemsJson(ObjectMapper json) {
        this.reader = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    static List<Map<String, Object>> write(List<InvoiceLine> lines) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (InvoiceLine line : lines) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("code", line.code());
            item.put("description", line.description());
            item.put("quantity", line.quantity());
            item.put("unitPrice", line.unitPrice());
            item.put("discount", line.discount());
            item.put("vatRate", line.vatRate());
            item.put("vat", line.vat());
            item.put("vatCategory", line.vatCategory());
            item.put("vatExemptionReason", line.vatExemptionReason());
            item.put("total", line.total());
            items.add(item);
        }
        return items;
    }

    public List<InvoiceLine> read(String json) {
        if (json == null) {
            return List.of();
        }
        JsonNode items;
        try {
            items = reader.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("invoices.items is not JSON", e);
        }
        List<InvoiceLine> lines = new ArrayList<>();
        if (!items.isArray()) {
            return lines;
        }
        for (JsonNode item : items) {
            BigDecimal quantity = decimal(item, "quantity", BigDecimal.ONE);
            if (quantity.signum() <= 0) {
                quantity = BigDecimal.ONE;
            }
            BigDecimal discount = money(decimal(item, "discount", BigDecimal.ZERO));
            BigDecimal vat = money(decimal(item, "vat", BigDecimal.ZERO));
            BigDecimal unitPrice = decimal(item, "unitPrice", null);
            if (unitPrice == null) {
                unitPrice = decimal(item, "price", null);
            }
            if (unitPrice == null) {
                BigDecimal total = decimal(item, "total", BigDecimal.ZERO);
                unitPrice = total.subtract(vat).add(discount).divide(quantity, 2, RoundingMode.HALF_UP);
            }
            String description = text(item, "description");
            if (description == null) {
                description = text(item, "name");
            }
            lines.add(new InvoiceLine(text(item, "code"), description == null ? "Item" : description, quantity,
                    money(unitPrice), discount, decimal(item, "vatRate", null), vat, text(item, "vatCategory"),
                    text(item, "vatExemptionReason")));
        }
        return lines;
    }

    private static BigDecimal money(BigDecimal amount) {
        return Pence.rounded(amount);
    }

    private static BigDecimal decimal(JsonNode item, String field, BigDecimal otherwise) {
        JsonNode value = item.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return new BigDecimal(value.asText().trim());
        } catch (NumberFormatException notANumber) {
            return otherwise;
        }
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
