package health.cura.fhir.operations;

import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.operations.DeclaredOperation.Level;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationDefinition;

/**
 * The operations of HAPI's own that the server offers, each with its definition and access rule. Every other operation
 * HAPI provides (expunge, reindexing, resource counts, merge and replace-references, {@code $meta},
 * {@code $binary-access-*}, {@code $lastn}, {@code $document}, {@code $snapshot}, ...) is undeclared, so it is listed
 * nowhere and refused to every token. Type-level {@code $everything} (Patient and Encounter) is not offered: HAPI 8.8
 * runs it over every partition's resources (its total counted other clinics' records), so a clinic uses the
 * instance-level operation or {@code Patient/$export}.
 *
 * <p>Standard operations keep FHIR R4's own definitions ({@code http://hl7.org/fhir/OperationDefinition/...}, stored
 * from the specification HAPI ships); for the bulk export operations, whose definitions belong to the Bulk Data
 * Access IG that no package here holds, and for HAPI's export status, the server writes its own.
 */
public final class HapiOperations {

    private static final String R4 = "http://hl7.org/fhir/OperationDefinition/";

    private HapiOperations() {}

    /** An operation HAPI provides; {@code definition} is set when the definition is ours, not FHIR's. */
    public record HapiOperation(String name, Set<Level> levels, List<String> types, String definitionUrl,
            OperationAccess access, OperationAudit audit, OperationDefinition definition)
            implements DeclaredOperation {

        public boolean standard() {
            return definition == null;
        }
    }

    public static List<HapiOperation> all() {
        OperationAccess definitions = OperationAccess.anyToken();
        OperationAccess everythingOfOne = OperationAccess.clinic(AccessGrant::readsAnything,
                RoleNeed.viewOfTargetType()).checkingEachResource();
        OperationAccess bulk = OperationAccess.clinic(AccessGrant::readsEveryType, RoleNeed.none());
        return List.of(
                standard("$validate", EnumSet.of(Level.TYPE, Level.INSTANCE), List.of(), "Resource-validate",
                        definitions),
                standard("$expand", EnumSet.of(Level.TYPE, Level.INSTANCE), List.of("ValueSet"), "ValueSet-expand",
                        definitions),
                standard("$lookup", EnumSet.of(Level.TYPE, Level.INSTANCE), List.of("CodeSystem"), "CodeSystem-lookup",
                        definitions),
                standard("$validate-code", EnumSet.of(Level.TYPE, Level.INSTANCE), List.of("CodeSystem"),
                        "CodeSystem-validate-code", definitions),
                standard("$validate-code", EnumSet.of(Level.TYPE, Level.INSTANCE), List.of("ValueSet"),
                        "ValueSet-validate-code", definitions),
                standard("$subsumes", EnumSet.of(Level.TYPE, Level.INSTANCE), List.of("CodeSystem"),
                        "CodeSystem-subsumes", definitions),
                standard("$translate", EnumSet.of(Level.TYPE, Level.INSTANCE), List.of("ConceptMap"),
                        "ConceptMap-translate", definitions),
                standard("$everything", EnumSet.of(Level.INSTANCE), List.of("Patient"), "Patient-everything",
                        everythingOfOne),
                standard("$everything", EnumSet.of(Level.INSTANCE), List.of("Encounter"), "Encounter-everything",
                        everythingOfOne),
                ours(exportParameters(OperationDefinitions.operation("export",
                                "Export a clinic's data (FHIR Bulk Data)",
                                "Starts an asynchronous export of every resource of the clinic as NDJSON files. Needs "
                                        + "Prefer: respond-async and a backend service token that reads every type "
                                        + "(system/*.rs). As the Bulk Data Access IG's system-level export.")
                        .system()),
                        bulk, OperationAudit.EXPORT),
                ours(exportParameters(OperationDefinitions.operation("export",
                                "Export the clinic's patients' records",
                                "As $export, restricted to the Patient compartment of the clinic's patients. As the "
                                        + "Bulk Data Access IG's patient-level export.")
                        .variant("patient-export")
                        .type("Patient")),
                        bulk, OperationAudit.EXPORT),
                ours(exportParameters(OperationDefinitions.operation("export",
                                "Export the records of a group's patients",
                                "As $export, restricted to the Patient compartments of the group's members. As the "
                                        + "Bulk Data Access IG's group-level export.")
                        .variant("group-export")
                        .instance("Group")),
                        bulk, OperationAudit.EXPORT),
                ours(OperationDefinitions.operation("export-poll-status", "Status of a bulk export",
                                "The status of an export this client started: 202 while it runs, then the "
                                        + "manifest of its files; DELETE cancels it. The URL is the Content-Location "
                                        + "the export answered with.")
                        .system()
                        .in("_jobId", "string", 1, "1", "the export's id, from its Content-Location"),
                        bulk, OperationAudit.NONE));
    }

    /** The kick-off parameters the three exports share. */
    private static OperationDefinitions exportParameters(OperationDefinitions export) {
        return export
                .in("_outputFormat", "string", 0, "1", "application/fhir+ndjson (the default)")
                .in("_since", "instant", 0, "1", "only resources changed after this instant")
                .in("_type", "string", 0, "*", "comma-separated resource types to include")
                .in("_typeFilter", "string", 0, "*", "a search query a type's resources must match");
    }

    private static HapiOperation standard(
            String name, Set<Level> levels, List<String> types, String id, OperationAccess access) {
        OperationAudit audit = access.role().targetType() ? OperationAudit.READ : OperationAudit.NONE;
        return new HapiOperation(name, levels, types, R4 + id, access, audit, null);
    }

    /** One of HAPI's operations with a definition of ours. */
    private static HapiOperation ours(OperationDefinitions builder, OperationAccess access, OperationAudit audit) {
        OperationDefinition definition = builder.build();
        return new HapiOperation("$" + definition.getCode(), DeclaredOperation.levelsOf(definition),
                DeclaredOperation.typesOf(definition), definition.getUrl(), access, audit, definition);
    }
}
