package health.cura.fhir.operations;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationDefinition;

/**
 * An operation the server offers: its name, where it can be called, its definition's canonical URL, its access rule
 * and how it is audited. Only declared operations are listed in a CapabilityStatement or can be called; HAPI's
 * operations that nobody declares (its administrative ones among them) are refused to everyone.
 */
public interface DeclaredOperation {

    /** The name with its {@code $}, as in the URL. */
    String name();

    /** {@code system}, {@code type} and {@code instance}, as an OperationDefinition says. */
    Set<Level> levels();

    /** The resource types it is called on at type or instance level; empty when it is on every type. */
    List<String> types();

    /** The canonical URL of its OperationDefinition, stored in the shared partition. */
    String definitionUrl();

    OperationAccess access();

    OperationAudit audit();

    /** Where on a base an operation is called. */
    enum Level {
        SYSTEM, TYPE, INSTANCE
    }

    static Set<Level> levelsOf(OperationDefinition definition) {
        Set<Level> levels = EnumSet.noneOf(Level.class);
        if (definition.getSystem()) {
            levels.add(Level.SYSTEM);
        }
        if (definition.getType()) {
            levels.add(Level.TYPE);
        }
        if (definition.getInstance()) {
            levels.add(Level.INSTANCE);
        }
        return levels;
    }

    static List<String> typesOf(OperationDefinition definition) {
        return definition.getResource().stream().map(code -> code.getValue()).toList();
    }

    default boolean covers(Level level, String resourceType) {
        return levels().contains(level) && (level == Level.SYSTEM || types().isEmpty()
                || types().contains(resourceType));
    }
}
