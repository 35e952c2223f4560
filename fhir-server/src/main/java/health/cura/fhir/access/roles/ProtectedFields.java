package health.cura.fhir.access.roles;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Resource;

/**
 * The elements each field group of the permissions protects, and what a staff member without access to a group sees
 * and may write. Hidden elements are taken out of what is shown, and the resource is labelled {@code REDACTED}; a
 * write from someone who cannot see them keeps the stored ones; a change to them by someone who may not edit them is
 * refused.
 */
public final class ProtectedFields {

    /**
     * @param name     the group's name in {@code fields}
     * @param module   the module it belongs to: access to the group never exceeds access to the module
     * @param elements the top-level elements it covers, per type
     */
    record Group(String name, String module, Map<String, List<String>> elements) {}

    private static final List<Group> GROUPS = List.of(
            new Group(FieldNames.PATIENT_SENSITIVE_INFO, ClinicModules.PATIENTS, Map.of(
                    "Patient", List.of("telecom", "address", "contact", "maritalStatus", "photo"),
                    "RelatedPerson", List.of("telecom", "address", "photo"))),
            new Group(FieldNames.FINANCIAL_DATA, ClinicModules.BILLING, Map.of(
                    "Coverage", List.of("costToBeneficiary"),
                    "Invoice", List.of("totalPriceComponent", "totalNet", "totalGross"),
                    "Claim", List.of("total"),
                    "ChargeItem", List.of("priceOverride", "factorOverride"),
                    "ExplanationOfBenefit", List.of("total", "payment"))));

    static final String REDACTED_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
    static final String REDACTED = "REDACTED";

    private final FhirContext fhir;

    public ProtectedFields(FhirContext fhir) {
        this.fhir = fhir;
    }

    /** What the staff member may be shown of the resource: the resource itself, or a copy without hidden groups. */
    public IBaseResource shown(IBaseResource resource, StaffPermissions permissions) {
        String type = fhir.getResourceType(resource);
        Resource copy = null;
        for (Group group : GROUPS) {
            List<String> elements = group.elements().get(type);
            if (elements == null || permissions.field(group.name(), group.module()).view()) {
                continue;
            }
            if (elements.stream().allMatch(element -> values(resource, element).isEmpty())) {
                continue;
            }
            if (copy == null) {
                copy = ((Resource) resource).copy();
            }
            for (String element : elements) {
                child(copy, element).getMutator().setValue(copy, null);
            }
        }
        if (copy == null) {
            return resource;
        }
        copy.getMeta().addSecurity().setSystem(REDACTED_SYSTEM).setCode(REDACTED).setDisplay("redacted");
        return copy;
    }

    /**
     * Checks a write of the resource ({@code stored} is null for a create) and completes it with what the writer could
     * not see; throws 403 when it changes a group the writer may not edit.
     */
    public void checkWrite(IBaseResource stored, IBaseResource incoming, StaffPermissions permissions) {
        String type = fhir.getResourceType(incoming);
        for (Group group : GROUPS) {
            List<String> elements = group.elements().get(type);
            if (elements == null) {
                continue;
            }
            FieldAccess access = permissions.field(group.name(), group.module());
            boolean sentNone = elements.stream().allMatch(element -> values(incoming, element).isEmpty());
            if (stored != null && !access.view() && sentNone) {
                // They were hidden from the writer, who sent the resource back without them: keep what is stored.
                for (String element : elements) {
                    BaseRuntimeChildDefinition child = child(incoming, element);
                    child.getMutator().setValue(incoming, null);
                    for (IBase value : values(stored, element)) {
                        child.getMutator().addValue(incoming, ((Base) value).copy());
                    }
                }
            }
            if (!access.edit()) {
                List<String> changed = elements.stream()
                        .filter(element -> !same(stored == null ? List.of() : values(stored, element),
                                values(incoming, element)))
                        .toList();
                if (!changed.isEmpty()) {
                    throw new ForbiddenOperationException("The role '" + permissions.role() + "' may not change "
                            + group.name() + " (" + type + "." + String.join(", " + type + ".", changed) + ")");
                }
            }
        }
    }

    private static boolean same(List<IBase> a, List<IBase> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!((Base) a.get(i)).equalsDeep((Base) b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private List<IBase> values(IBaseResource resource, String element) {
        return child(resource, element).getAccessor().getValues(resource).stream()
                .filter(value -> !value.isEmpty()).toList();
    }

    private BaseRuntimeChildDefinition child(IBaseResource resource, String element) {
        return fhir.getResourceDefinition(resource).getChildByName(element);
    }
}
