package health.cura.fhir.mapping.practitioner;

import health.cura.fhir.mapping.ClinicSystemUser;
import health.cura.fhir.mapping.UnnamedClinician;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.capture.CapturedRow;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.capture.ResourceRowCapture;
import health.cura.fhir.capture.RowDependencies;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.OwnedElements;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.practitioner.PractitionerMapper;
import health.cura.mappings.practitioner.PractitionerRow;
import health.cura.mappings.practitioner.StaffRoleMapper;
import health.cura.mappings.practitioner.StaffRoleRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code users} → Practitioner and PractitionerRole, for staff rows other software wrote. The platform's owners
 * ({@code is_saas_owner}, clinic 0) and patients' portal accounts (role {@code patient}) are no practitioners and are
 * left out, as are the clinic's placeholder users; a row that becomes one of them loses its resources.
 */
@Component
public class StaffCapture extends ResourceRowCapture<PractitionerRow, Practitioner> {

    private static final String STAFF = """
            FROM users WHERE organization_id = ? AND id = ? AND NOT is_saas_owner AND role <> 'patient'
            AND username NOT IN ('""" + UnnamedClinician.USERNAME + "', '" + ClinicSystemUser.USERNAME + "')";

    private final JdbcTemplate jdbc;
    private final RoleCapture roles;

    public StaffCapture(JdbcTemplate jdbc, ObjectMapper json, ResourceLinks links, CapturedWrites writes,
            RowDependencies dependencies) {
        super("users", Practitioner.class, links, writes, dependencies);
        this.jdbc = jdbc;
        this.roles = new RoleCapture(jdbc, json, links, writes, dependencies);
    }

    @Override
    public boolean ignoresRowsOutsideClinics() {
        return true;
    }

    @Override
    public void apply(CapturedRow changed) {
        // the role references the practitioner: created after it, deleted before it
        if (read(changed.organizationId(), changed.rowId()).isPresent()) {
            super.apply(changed);
            roles.apply(changed);
        } else {
            roles.apply(changed);
            super.apply(changed);
        }
    }

    @Override
    protected Optional<PractitionerRow> read(int organizationId, int rowId) {
        return jdbc.query("SELECT username, email, first_name, last_name, is_active " + STAFF,
                (rs, n) -> new PractitionerRow(rs.getString(1), empty(rs.getString(2)), empty(rs.getString(3)),
                        empty(rs.getString(4)), rs.getBoolean(5)), organizationId, rowId).stream().findFirst();
    }

    private static String empty(String value) {
        return value == null ? "" : value;
    }

    @Override
    protected void resolve(CapturedRow changed, PractitionerRow row, ResolvedLinks.Builder resolved) {}

    @Override
    protected Practitioner toFhir(PractitionerRow row, MappingContext context) {
        return PractitionerMapper.toFhir(row, context);
    }

    @Override
    protected PractitionerRow toRow(Practitioner stored, MappingContext context) {
        return PractitionerMapper.toRow(stored, context);
    }

    @Override
    protected Practitioner merge(Practitioner stored, Practitioner fromRow, PractitionerRow row, MappingContext context) {
        return PractitionerMapper.owned(context).merge(stored, fromRow);
    }

    /** The staff member's PractitionerRole: what they do, for the Practitioner of the same row. */
    private static final class RoleCapture extends ResourceRowCapture<StaffRoleRow, PractitionerRole> {

        private static final OwnedElements<PractitionerRole> OWNED = OwnedElements.of(PractitionerRole.class)
                .element("code", "specialty", "availableTime", "practitioner")
                .extension(CuraCanonical.DEPARTMENT_EXTENSION)
                .build();

        private final JdbcTemplate jdbc;
        private final ObjectMapper json;

        RoleCapture(JdbcTemplate jdbc, ObjectMapper json, ResourceLinks links, CapturedWrites writes,
                RowDependencies dependencies) {
            super("users", PractitionerRole.class, links, writes, dependencies);
            this.jdbc = jdbc;
            this.json = json;
        }

        @Override
        protected Optional<StaffRoleRow> read(int organizationId, int rowId) {
            return jdbc.query("SELECT role, department, medical_specialty_category, sub_specialty, "
                    + "working_days::text, working_hours::text " + STAFF, (rs, n) -> new StaffRoleRow(
                            CuraEnums.USER_ROLE.contains(rs.getString(1)) ? rs.getString(1) : null,
                            rs.getString(2), rs.getString(3), rs.getString(4), days(rs.getString(5)),
                            hours(rs.getString(6))), organizationId, rowId).stream().findFirst();
        }

        private List<String> days(String value) {
            JsonNode node = parse(value, "users.working_days");
            if (node == null) {
                return List.of();
            }
            if (!node.isArray()) {
                throw new UnmappableResourceException("users.working_days", "users.working_days is not a JSON array");
            }
            List<String> days = new ArrayList<>();
            for (JsonNode day : node) {
                String name = day.asText().toLowerCase(Locale.ROOT);
                if (!List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
                        .contains(name)) {
                    throw new UnmappableResourceException("users.working_days",
                            "users.working_days holds '" + day.asText() + "', which is no day of the week");
                }
                days.add(name);
            }
            return days;
        }

        private StaffRoleRow.WorkingHours hours(String value) {
            JsonNode node = parse(value, "users.working_hours");
            if (node == null || node.isEmpty()) {
                return null;
            }
            JsonNode start = node.get("start");
            JsonNode end = node.get("end");
            if (!node.isObject() || start == null || end == null
                    || !start.asText().matches("\\d\\d:\\d\\d") || !end.asText().matches("\\d\\d:\\d\\d")) {
                throw new UnmappableResourceException("users.working_hours",
                        "users.working_hours is not {\"start\": \"HH:mm\", \"end\": \"HH:mm\"}");
            }
            return new StaffRoleRow.WorkingHours(start.asText(), end.asText());
        }

        private JsonNode parse(String value, String column) {
            if (value == null) {
                return null;
            }
            try {
                return json.readTree(value);
            } catch (JsonProcessingException e) {
                throw new UnmappableResourceException(column, column + " is not valid JSON");
            }
        }

        @Override
        protected void resolve(CapturedRow changed, StaffRoleRow row, ResolvedLinks.Builder resolved) {}

        @Override
        protected PractitionerRole toFhir(StaffRoleRow row, MappingContext context) {
            return StaffRoleMapper.toFhir(row);
        }

        @Override
        protected PractitionerRole complete(PractitionerRole fromRow, CapturedRow changed) {
            links.resourceId(changed.organizationId(), "users", changed.rowId(), "Practitioner")
                    .ifPresent(id -> fromRow.setPractitioner(new Reference("Practitioner/" + id)));
            return fromRow;
        }

        @Override
        protected StaffRoleRow toRow(PractitionerRole stored, MappingContext context) {
            return StaffRoleMapper.toRow(stored);
        }

        @Override
        protected PractitionerRole merge(PractitionerRole stored, PractitionerRole fromRow, StaffRoleRow row,
                MappingContext context) {
            return OWNED.merge(stored, fromRow);
        }
    }
}
