package health.cura.fhir.subscriptions;

import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Property;

/**
 * How many bytes of content a resource holds: a Binary's data, and the data of every attachment in any other
 * resource. Content only pointed at by a URL is held elsewhere and not counted.
 */
final class StoredContent {

    /** The types whose elements include an attachment (or that are content), R4. */
    private static final Set<String> HOLDERS = Set.of("Binary", "DocumentReference", "Media", "DiagnosticReport",
            "Communication", "CommunicationRequest", "Consent", "Patient", "Practitioner", "RelatedPerson",
            "Person", "Contract", "Questionnaire", "QuestionnaireResponse", "Library",
            "Specimen", "Claim", "ExplanationOfBenefit", "Composition", "ActivityDefinition", "PlanDefinition");

    private static final String BYTES = StoredContent.class.getName() + ".bytes";

    private StoredContent() {}

    /** The resource's bytes, remembered on it for the later steps of its write (before HAPI moves large data out). */
    static long remember(IBaseResource resource) {
        long bytes = bytes(resource);
        resource.setUserData(BYTES, bytes);
        return bytes;
    }

    /** What {@link #remember} found, or the bytes now when nothing was remembered. */
    static long remembered(IBaseResource resource) {
        return resource.getUserData(BYTES) instanceof Long bytes ? bytes : bytes(resource);
    }

    static boolean mayHold(IBaseResource resource) {
        return HOLDERS.contains(resource.fhirType());
    }

    static long bytes(IBaseResource resource) {
        if (resource instanceof Binary binary) {
            return binary.hasData() ? binary.getData().length : 0;
        }
        if (!mayHold(resource) || !(resource instanceof Base base)) {
            return 0;
        }
        return attachments(base);
    }

    private static long attachments(Base element) {
        if (element instanceof Attachment attachment) {
            return attachment.hasData() ? attachment.getData().length : 0;
        }
        long total = 0;
        for (Property property : element.children()) {
            if (property.hasValues()) {
                for (Base child : property.getValues()) {
                    if (child != null && !child.isPrimitive()) {
                        total += attachments(child);
                    }
                }
            }
        }
        return total;
    }
}
