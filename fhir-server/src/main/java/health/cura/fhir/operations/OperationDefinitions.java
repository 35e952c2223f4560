package health.cura.fhir.operations;

import health.cura.conformance.ConformancePackage;
import health.cura.conformance.CuraCanonical;
import java.util.List;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;
import org.hl7.fhir.r4.model.OperationDefinition;

/**
 * Writes an OperationDefinition of ours: canonical URL under the Cura base, the conformance package's version and
 * publisher, its parameters in the order given. Each operation's file builds its own with this.
 */
public final class OperationDefinitions {

    private final OperationDefinition definition = new OperationDefinition();

    private OperationDefinitions(String code, String title, String description) {
        definition.setUrl(CuraCanonical.BASE + "/OperationDefinition/" + code);
        definition.setVersion(ConformancePackage.VERSION);
        definition.setName(toName(code));
        definition.setTitle(title);
        definition.setStatus(Enumerations.PublicationStatus.ACTIVE);
        definition.setExperimental(false);
        // as the package's resources: marked, and the same meta in every version HAPI stores (no new version at start)
        definition.getMeta().addTag(ConformancePackage.PACKAGE_TAG_SYSTEM, ConformancePackage.VERSION,
                "Cura conformance package " + ConformancePackage.VERSION);
        definition.setKind(OperationDefinition.OperationKind.OPERATION);
        definition.setPublisher(ConformancePackage.PUBLISHER);
        definition.setDescription(description);
        definition.setCode(code);
        definition.setSystem(false);
        definition.setType(false);
        definition.setInstance(false);
        definition.setAffectsState(false);
    }

    /** @param code the name without its {@code $} */
    public static OperationDefinitions operation(String code, String title, String description) {
        return new OperationDefinitions(code, title, description);
    }

    /**
     * One of several definitions of one operation name (HAPI's {@code $export} at system, Patient and Group level):
     * its own canonical URL, {@code .../OperationDefinition/{id}}.
     */
    public OperationDefinitions variant(String id) {
        definition.setUrl(CuraCanonical.BASE + "/OperationDefinition/" + id);
        return this;
    }

    /** Called on a base, {@code POST [base]/$code}. */
    public OperationDefinitions system() {
        definition.setSystem(true);
        return this;
    }

    /** Called on types, {@code [base]/Type/$code}. */
    public OperationDefinitions type(String... types) {
        definition.setType(true);
        return on(types);
    }

    /** Called on instances, {@code [base]/Type/id/$code}. */
    public OperationDefinitions instance(String... types) {
        definition.setInstance(true);
        return on(types);
    }

    private OperationDefinitions on(String... types) {
        for (String type : types) {
            if (definition.getResource().stream().noneMatch(code -> code.getValue().equals(type))) {
                definition.addResource(type);
            }
        }
        return this;
    }

    /** The operation changes what the server holds: it is POSTed, never GET. */
    public OperationDefinitions changesState() {
        definition.setAffectsState(true);
        return this;
    }

    public OperationDefinitions in(String name, String type, int min, String max, String documentation) {
        return parameter(OperationParameterUse.IN, name, type, min, max, documentation);
    }

    public OperationDefinitions out(String name, String type, int min, String max, String documentation) {
        return parameter(OperationParameterUse.OUT, name, type, min, max, documentation);
    }

    /** A part of the last parameter declared (an out parameter made of named values, one per listed item). */
    public OperationDefinitions part(String name, String type, int min, String max, String documentation) {
        List<OperationDefinition.OperationDefinitionParameterComponent> parameters = definition.getParameter();
        if (parameters.isEmpty()) {
            throw new IllegalStateException("a part needs a parameter to belong to");
        }
        parameters.get(parameters.size() - 1).addPart().setName(name).setUse(parameters.get(parameters.size() - 1)
                .getUse()).setMin(min).setMax(max).setType(type).setDocumentation(documentation);
        return this;
    }

    private OperationDefinitions parameter(
            OperationParameterUse use, String name, String type, int min, String max, String documentation) {
        definition.addParameter()
                .setName(name)
                .setUse(use)
                .setMin(min)
                .setMax(max)
                .setType(type)
                .setDocumentation(documentation);
        return this;
    }

    public OperationDefinition build() {
        if (definition.getResource().isEmpty() && !definition.getSystem()) {
            throw new IllegalStateException(definition.getCode() + " is called nowhere: no system, type or instance");
        }
        return definition.copy();
    }

    private static String toName(String code) {
        StringBuilder name = new StringBuilder();
        boolean upper = true;
        for (char c : code.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return name.toString();
    }
}
