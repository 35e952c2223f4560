package health.cura.fhir.admin;

import health.cura.conformance.UkCore;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Small pure pieces that turn FHIR elements into what a page shows. */
public final class Views {

    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    private Views() {}

    /** "Dr Ada Lovelace": prefixes, given names, then the family name; a name's text when it has one. */
    public static String name(List<HumanName> names) {
        return names.stream().findFirst().map(name -> name.hasText() ? name.getText()
                : java.util.stream.Stream.concat(java.util.stream.Stream.concat(name.getPrefix().stream(),
                                name.getGiven().stream()), java.util.stream.Stream.of(name.getFamilyElement()))
                        .map(part -> part.getValue()).filter(part -> part != null && !part.isBlank())
                        .collect(Collectors.joining(" ")))
                .filter(text -> !text.isBlank()).orElse("(no name)");
    }

    /** The NHS number, spaced 3 3 4 as the NHS writes it. */
    public static Optional<String> nhsNumber(List<Identifier> identifiers) {
        return identifiers.stream().filter(id -> UkCore.NHS_NUMBER_SYSTEM.equals(id.getSystem()))
                .map(Identifier::getValue).filter(value -> value != null && value.length() == 10)
                .map(value -> value.substring(0, 3) + " " + value.substring(3, 6) + " " + value.substring(6))
                .findFirst();
    }

    public static String text(CodeableConcept concept) {
        if (concept == null) {
            return "";
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().stream().map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
                .filter(text -> text != null).findFirst().orElse("");
    }

    public static String dayAndTime(Date instant, ZoneId zone) {
        return instant == null ? "" : DAY_AND_TIME.format(instant.toInstant().atZone(zone));
    }

    public static String day(Date instant, ZoneId zone) {
        return instant == null ? "" : DAY.format(instant.toInstant().atZone(zone));
    }

    public static String time(Date instant, ZoneId zone) {
        return instant == null ? "" : TIME.format(instant.toInstant().atZone(zone));
    }

    /** The id part of a reference to a type ({@code Patient/abc} gives {@code abc}). */
    public static Optional<String> idOf(Reference reference, String type) {
        if (reference == null || !reference.hasReference()) {
            return Optional.empty();
        }
        var id = reference.getReferenceElement();
        return type.equals(id.getResourceType()) ? Optional.of(id.getIdPart()) : Optional.empty();
    }

    /** The resources of a type a search answer holds (its matches and what it included). */
    public static <T extends Resource> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * The repeated parameter {@code name} of an operation's answer, each as its parts' values by part name (a Money
     * as "GBP 30.00", an instant as the day and time in {@code zone}).
     */
    public static List<Map<String, String>> rows(Parameters answer, String name, ZoneId zone) {
        return answer.getParameter().stream().filter(parameter -> name.equals(parameter.getName()))
                .map(parameter -> {
                    Map<String, String> row = new LinkedHashMap<>();
                    parameter.getPart().forEach(part -> row.put(part.getName(), value(part.getValue(), zone)));
                    return row;
                }).toList();
    }

    /** One value of an operation's answer, as a page shows it; empty when absent. */
    public static String value(Parameters answer, String name, ZoneId zone) {
        return answer.getParameter().stream().filter(parameter -> name.equals(parameter.getName())).findFirst()
                .map(parameter -> value(parameter.getValue(), zone)).orElse("");
    }

    private static String value(org.hl7.fhir.r4.model.Type value, ZoneId zone) {
        if (value == null) {
            return "";
        }
        if (value instanceof Money money) {
            return money.getCurrency() + " " + money.getValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        }
        if (value instanceof InstantType instant) {
            return dayAndTime(instant.getValue(), zone);
        }
        return value.primitiveValue() == null ? "" : value.primitiveValue();
    }
}
