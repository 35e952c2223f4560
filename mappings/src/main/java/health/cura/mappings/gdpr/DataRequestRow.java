package health.cura.mappings.gdpr;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The columns of a {@code gdpr_data_requests} row that a FHIR Task owns, with the deadline's terms the server keeps in
 * {@code metadata.deadline}. Not owned: {@code processed_by} beyond the Task's owner, {@code response_data} and the
 * rest of {@code metadata} (other software's), the timestamps.
 *
 * @param identityVerifiedAt UTC; null while unverified ({@code identity_verified} false). A row other software marked
 *     verified without saying when reads as verified at receipt
 * @param requestedAt UTC, the receipt of the request
 * @param completedAt UTC, when it was answered (completed or rejected)
 * @param dueDate UTC, the statutory deadline
 * @param extensionMonths further months taken (0, 1 or 2)
 */
public record DataRequestRow(
        int patientId,
        String requestType,
        String status,
        String requestReason,
        LocalDateTime identityVerifiedAt,
        Integer processedBy,
        LocalDateTime requestedAt,
        LocalDateTime completedAt,
        LocalDateTime dueDate,
        String rejectionReason,
        List<CommunicationEntry> communicationLog,
        int extensionMonths,
        String extensionReason) {

    public DataRequestRow {
        communicationLog = List.copyOf(communicationLog);
    }

    public boolean identityVerified() {
        return identityVerifiedAt != null;
    }
}
