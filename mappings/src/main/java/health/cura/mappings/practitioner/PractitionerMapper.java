package health.cura.mappings.practitioner;

import static health.cura.mappings.Texts.blankToNull;
import static health.cura.mappings.Texts.nullToEmpty;

import health.cura.conformance.CuraCanonical;
import health.cura.mappings.MappingContext;
import health.cura.mappings.OwnedElements;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.StringType;

/** A {@code users} row of a clinical staff member ⇄ a FHIR Practitioner. */
public final class PractitionerMapper {

    private PractitionerMapper() {}

    /**
     * What a {@code users} row supplies of its Practitioner: the username identifier, the official name (or the one
     * read as it), the email address and active; other identifiers, names and contact points are kept.
     */
    public static OwnedElements<Practitioner> owned(MappingContext context) {
        String usernames = CuraCanonical.staffUsernameSystem(context.subdomain());
        return OwnedElements.of(Practitioner.class)
                .element("active")
                .items("identifier", Identifier.class, i -> usernames.equals(i.getSystem()))
                .items("name", HumanName.class, n -> n.getUse() != HumanName.NameUse.OLD)
                .items("telecom", ContactPoint.class, t -> t.getSystem() == ContactPoint.ContactPointSystem.EMAIL)
                .build();
    }

    public static Practitioner toFhir(PractitionerRow row, MappingContext context) {
        Practitioner practitioner = new Practitioner();
        if (row.username() != null) {
            practitioner.addIdentifier()
                    .setUse(Identifier.IdentifierUse.SECONDARY)
                    .setSystem(CuraCanonical.staffUsernameSystem(context.subdomain()))
                    .setValue(row.username());
        }
        practitioner.setActive(row.active());
        if (blankToNull(row.lastName()) != null || blankToNull(row.firstName()) != null) {
            HumanName name = practitioner.addName().setUse(HumanName.NameUse.OFFICIAL)
                    .setFamily(blankToNull(row.lastName()));
            if (blankToNull(row.firstName()) != null) {
                name.addGiven(row.firstName());
            }
        }
        if (blankToNull(row.email()) != null) {
            practitioner.addTelecom()
                    .setSystem(ContactPoint.ContactPointSystem.EMAIL)
                    .setUse(ContactPoint.ContactPointUse.WORK)
                    .setValue(row.email());
        }
        return practitioner;
    }

    public static PractitionerRow toRow(Practitioner practitioner, MappingContext context) {
        HumanName name = practitioner.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL)
                .findFirst()
                .or(() -> practitioner.getName().stream().filter(n -> n.getUse() != HumanName.NameUse.OLD).findFirst())
                .orElseGet(HumanName::new);
        // As for patients: no name is stored as empty NOT NULL columns, never as an invented one.
        String lastName = Optional.ofNullable(blankToNull(name.getFamily()))
                .or(() -> Optional.ofNullable(blankToNull(name.getText()))).orElse("");
        String firstName = name.getGiven().stream().map(StringType::getValue)
                .filter(given -> blankToNull(given) != null)
                .collect(Collectors.joining(" "));
        String username = practitioner.getIdentifier().stream()
                .filter(i -> CuraCanonical.staffUsernameSystem(context.subdomain()).equals(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue)
                .findFirst()
                .orElse(null);
        String email = practitioner.getTelecom().stream()
                .filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.EMAIL && t.hasValue())
                .map(ContactPoint::getValue)
                .findFirst()
                .orElse(null);
        return new PractitionerRow(username, nullToEmpty(email), firstName, lastName,
                !practitioner.hasActive() || practitioner.getActive());
    }
}
