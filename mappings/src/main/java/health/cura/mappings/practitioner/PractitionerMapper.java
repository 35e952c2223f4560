package health.cura.mappings.practitioner;

import static health.cura.mappings.Texts.blankToNull;
import static health.cura.mappings.Texts.nullToEmpty;

import health.cura.conformance.CuraCanonical;
import health.cura.mappings.MappingContext;
import health.cura.mappings.UnmappableResourceException;
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

    public static Practitioner toFhir(PractitionerRow row, MappingContext context) {
        Practitioner practitioner = new Practitioner();
        if (row.username() != null) {
            practitioner.addIdentifier()
                    .setUse(Identifier.IdentifierUse.SECONDARY)
                    .setSystem(CuraCanonical.staffUsernameSystem(context.subdomain()))
                    .setValue(row.username());
        }
        practitioner.setActive(row.active());
        HumanName name = practitioner.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(row.lastName());
        if (blankToNull(row.firstName()) != null) {
            name.addGiven(row.firstName());
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
                .orElse(null);
        String lastName = name == null ? null
                : Optional.ofNullable(blankToNull(name.getFamily())).orElse(blankToNull(name.getText()));
        if (lastName == null) {
            throw new UnmappableResourceException("Practitioner.name",
                    "Practitioner.name needs a family name (or a text name): a staff record requires a last name");
        }
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
