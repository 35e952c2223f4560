package health.cura.fhir.operations;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import health.cura.fhir.operations.DeclaredOperation.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Every operation the server offers: our own ({@link CuraOperation} beans) and the HAPI operations it declares
 * ({@link HapiOperations}). The servlet, the authorization rules, the role check, the audit and the
 * CapabilityStatements all read this list; an operation it does not hold is refused and listed nowhere.
 */
@Component
public class OperationCatalog {

    private final List<CuraOperation> ours;
    private final List<DeclaredOperation> all;

    public OperationCatalog(List<CuraOperation> ours) {
        this.ours = List.copyOf(ours);
        List<DeclaredOperation> declared = new ArrayList<>(ours);
        declared.addAll(HapiOperations.all());
        this.all = List.copyOf(declared);
    }

    public List<DeclaredOperation> all() {
        return all;
    }

    public List<CuraOperation> ours() {
        return ours;
    }

    /** The declaration of {@code name} (with its {@code $}) at that level, on that type (null at system level). */
    public Optional<DeclaredOperation> find(String name, Level level, String resourceType) {
        return all.stream().filter(op -> op.name().equals(name) && op.covers(level, resourceType)).findFirst();
    }

    /** The declaration a request of this kind calls, if it calls a declared operation. */
    public Optional<DeclaredOperation> find(String name, RestOperationTypeEnum operation, String resourceType) {
        return levelOf(operation).flatMap(level -> find(name, level, resourceType));
    }

    public static Optional<Level> levelOf(RestOperationTypeEnum operation) {
        if (operation == null) {
            return Optional.empty();
        }
        return switch (operation) {
            case EXTENDED_OPERATION_SERVER -> Optional.of(Level.SYSTEM);
            case EXTENDED_OPERATION_TYPE -> Optional.of(Level.TYPE);
            case EXTENDED_OPERATION_INSTANCE -> Optional.of(Level.INSTANCE);
            default -> Optional.empty();
        };
    }
}
