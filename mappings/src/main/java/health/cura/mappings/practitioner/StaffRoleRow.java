package health.cura.mappings.practitioner;

import java.util.List;

/**
 * The columns of a {@code users} row that a PractitionerRole owns: what the staff member does, where and when.
 *
 * @param role {@code role}; null when the PractitionerRole names no role the clinic knows (the column keeps its value)
 * @param workingDays {@code working_days} (jsonb array of lower-case English day names, {@code "monday"}, ...)
 * @param workingHours {@code working_hours} (jsonb {@code {"start": "09:00", "end": "17:00"}}), or null
 */
public record StaffRoleRow(
        String role,
        String department,
        String specialty,
        String subSpecialty,
        List<String> workingDays,
        WorkingHours workingHours) {

    public StaffRoleRow {
        workingDays = List.copyOf(workingDays);
    }

    /** Times of day as {@code HH:mm}. */
    public record WorkingHours(String start, String end) {}
}
