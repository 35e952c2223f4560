package health.cura.fhir.operations;

import health.cura.fhir.hapi.ServerProvider;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationDefinition;

/**
 * One of our own operations, in one file: the Spring bean holds the provider method (HAPI's {@code @Operation}), its
 * OperationDefinition, its access rule and how it is audited. Declaring the bean is all it takes: the servlet serves it,
 * the shared partition stores its definition, the CapabilityStatements of the bases it may be called on list it, and
 * the authorization rules follow its access rule. {@code OperationDeclarationsTest} holds each definition to its
 * provider method's parameters.
 */
public interface CuraOperation extends DeclaredOperation, ServerProvider {

    /** The definition, built in the operation's own file ({@link OperationDefinitions}). */
    OperationDefinition definition();

    @Override
    default String name() {
        return "$" + definition().getCode();
    }

    @Override
    default Set<Level> levels() {
        return DeclaredOperation.levelsOf(definition());
    }

    @Override
    default List<String> types() {
        return DeclaredOperation.typesOf(definition());
    }

    @Override
    default String definitionUrl() {
        return definition().getUrl();
    }
}
