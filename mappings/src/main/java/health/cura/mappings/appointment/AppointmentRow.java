package health.cura.mappings.appointment;

import java.time.LocalDateTime;

/**
 * The columns of an {@code appointments} row that a FHIR Appointment owns ({@code created_by} and
 * {@code created_at} are the clinic's).
 *
 * @param scheduledAt UTC
 * @param duration minutes
 */
public record AppointmentRow(
        int patientId,
        int providerId,
        String assignedRole,
        String title,
        String description,
        LocalDateTime scheduledAt,
        int duration,
        String status,
        String type,
        String location,
        boolean virtual) {}
