package health.cura.fhir.access.roles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.grant.StaffAction;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code modules} and {@code fields} of one permissions object, as stored in {@code roles.permissions} and
 * {@code users.permissions}.
 */
public record RolePermissions(Map<String, ModuleAccess> modules, Map<String, FieldAccess> fields) {

    public static final RolePermissions EMPTY = new RolePermissions(Map.of(), Map.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    public RolePermissions {
        modules = Map.copyOf(modules);
        fields = Map.copyOf(fields);
    }

    /**
     * Reads a permissions object. A flag that is missing or not {@code true} is refused; a document that is not a
     * permissions object at all allows nothing.
     */
    public static RolePermissions parse(String json) {
        if (json == null || json.isBlank()) {
            return EMPTY;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return EMPTY;
        }
        Map<String, ModuleAccess> modules = new HashMap<>();
        root.path("modules").properties().forEach(entry -> modules.put(entry.getKey(), new ModuleAccess(
                flag(entry.getValue(), StaffAction.VIEW.key()), flag(entry.getValue(), StaffAction.CREATE.key()),
                flag(entry.getValue(), StaffAction.EDIT.key()), flag(entry.getValue(), StaffAction.DELETE.key()))));
        Map<String, FieldAccess> fields = new HashMap<>();
        root.path("fields").properties().forEach(entry -> fields.put(entry.getKey(), new FieldAccess(
                flag(entry.getValue(), "view"), flag(entry.getValue(), "edit"))));
        return new RolePermissions(modules, fields);
    }

    private static boolean flag(JsonNode node, String name) {
        return node.path(name).asBoolean(false) && node.path(name).isBoolean();
    }

    /** These permissions with {@code own}'s entries replacing theirs, module by module and field by field. */
    public RolePermissions overlaidWith(RolePermissions own) {
        Map<String, ModuleAccess> mergedModules = new HashMap<>(modules);
        mergedModules.putAll(own.modules);
        Map<String, FieldAccess> mergedFields = new HashMap<>(fields);
        mergedFields.putAll(own.fields);
        return new RolePermissions(mergedModules, mergedFields);
    }

    public StaffPermissions forStaff(String role, boolean active) {
        return new StaffPermissions(role, active, modules, fields);
    }
}
