package health.cura.mappings.practitioner;

import static health.cura.mappings.Texts.blankToNull;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.OwnedElements;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.StringType;

/**
 * The role part of a {@code users} row ⇄ a PractitionerRole: role as code, department as an extension, specialty and
 * sub-specialty as the first two specialties, working days and hours as one availableTime.
 */
public final class StaffRoleMapper {

    private static final List<String> DAYS =
            List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    private StaffRoleMapper() {}

    /** What a {@code users} row supplies of its PractitionerRole: role, department, specialties, working times. */
    public static final OwnedElements<PractitionerRole> OWNED = OwnedElements.of(PractitionerRole.class)
            .element("code", "specialty", "availableTime")
            .extension(CuraCanonical.DEPARTMENT_EXTENSION)
            .build();

    public static PractitionerRole toFhir(StaffRoleRow row) {
        PractitionerRole role = new PractitionerRole();
        role.setActive(true);
        if (row.role() != null) {
            CodeableConcept code = new CodeableConcept().addCoding(
                    new Coding(CuraEnums.USER_ROLE.system(), row.role(), CuraEnums.USER_ROLE.display(row.role())));
            CuraEnums.USER_ROLE.toStandard(row.role()).filter(s -> s != null).ifPresent(standard ->
                    code.addCoding(new Coding(CuraEnums.PRACTITIONER_ROLE, standard, null)));
            role.addCode(code);
        }
        if (row.department() != null) {
            role.addExtension(CuraCanonical.DEPARTMENT_EXTENSION, new StringType(row.department()));
        }
        if (row.specialty() != null || row.subSpecialty() != null) {
            role.addSpecialty().setText(row.specialty());
        }
        if (row.subSpecialty() != null) {
            role.addSpecialty().setText(row.subSpecialty());
        }
        if (!row.workingDays().isEmpty() || row.workingHours() != null) {
            PractitionerRole.PractitionerRoleAvailableTimeComponent time = role.addAvailableTime();
            for (String day : row.workingDays()) {
                time.addDaysOfWeek(PractitionerRole.DaysOfWeek.fromCode(day.substring(0, 3)));
            }
            if (row.workingHours() != null) {
                time.setAvailableStartTime(row.workingHours().start() + ":00");
                time.setAvailableEndTime(row.workingHours().end() + ":00");
            }
        }
        return role;
    }

    public static StaffRoleRow toRow(PractitionerRole role) {
        List<String> days = new ArrayList<>();
        StaffRoleRow.WorkingHours hours = null;
        if (role.hasAvailableTime()) {
            PractitionerRole.PractitionerRoleAvailableTimeComponent time = role.getAvailableTimeFirstRep();
            for (var day : time.getDaysOfWeek()) {
                String code = day.getValue().toCode();
                DAYS.stream().filter(d -> d.startsWith(code)).findFirst().ifPresent(days::add);
            }
            if (time.hasAvailableStartTime() && time.hasAvailableEndTime()) {
                hours = new StaffRoleRow.WorkingHours(hhmm(time.getAvailableStartTime()),
                        hhmm(time.getAvailableEndTime()));
            }
        }
        Extension department = role.getExtensionByUrl(CuraCanonical.DEPARTMENT_EXTENSION);
        return new StaffRoleRow(
                role(role),
                department == null ? null : blankToNull(department.getValue().primitiveValue()),
                role.getSpecialty().size() > 0 ? text(role.getSpecialty().get(0)) : null,
                role.getSpecialty().size() > 1 ? text(role.getSpecialty().get(1)) : null,
                days,
                hours);
    }

    /** A Cura role coding, else the standard practitioner-role code's counterpart (doctor, nurse). */
    private static String role(PractitionerRole role) {
        for (CodeableConcept code : role.getCode()) {
            for (Coding coding : code.getCoding()) {
                if (CuraEnums.USER_ROLE.system().equals(coding.getSystem()) && coding.hasCode()
                        && coding.getCode().length() <= 20) {
                    return coding.getCode();
                }
            }
        }
        return role.getCode().stream().flatMap(c -> c.getCoding().stream())
                .filter(c -> CuraEnums.PRACTITIONER_ROLE.equals(c.getSystem()) && c.hasCode())
                .map(c -> CuraEnums.USER_ROLE.fromStandard(c.getCode()))
                .flatMap(Optional::stream)
                .findFirst()
                .orElse(null);
    }

    private static String text(CodeableConcept concept) {
        return Optional.ofNullable(blankToNull(concept.getText()))
                .or(() -> concept.getCoding().stream().map(c -> blankToNull(c.getDisplay())).filter(d -> d != null)
                        .findFirst())
                .orElse(null);
    }

    private static String hhmm(String time) {
        return time.length() >= 5 ? time.substring(0, 5).toLowerCase(Locale.ROOT) : time;
    }
}
