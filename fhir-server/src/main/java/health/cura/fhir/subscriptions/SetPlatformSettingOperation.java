package health.cura.fhir.subscriptions;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST /fhir/DEFAULT/$set-platform-setting}: stores one of the platform's settings in {@code saas_settings},
 * checked against its kind and range, and records who changed it. Platform only.
 */
public class SetPlatformSettingOperation extends PlatformOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("set-platform-setting", "Change a platform setting",
                    "Stores a platform setting (saas_settings): billing.paymentTermsDays, billing.gracePeriodDays or "
                            + "subscriptions.defaultTrialDays, whole days 0 to 365. Recorded with who changed it.")
            .system()
            .changesState()
            .in("key", "string", 1, "1", "the setting")
            .in("value", "integer", 1, "1", "its value, in days")
            .out("setting", null, 0, "*", "every setting now, as $platform-settings answers")
            .part("key", "string", 1, "1", "the setting")
            .part("value", "integer", 1, "1", "days")
            .part("stored", "boolean", 1, "1", "true: saas_settings; false: the configuration")
            .part("description", "string", 1, "1", "what it governs, and its range")
            .build();

    private final PlatformSettings settings;

    public SetPlatformSettingOperation(PlatformSettings settings) {
        this.settings = settings;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Operation(name = "$set-platform-setting", idempotent = false)
    public Parameters set(@OperationParam(name = "key", min = 1) StringType key,
            @OperationParam(name = "value", min = 1) IntegerType value, RequestDetails request) {
        String name = key == null || key.getValue() == null ? "" : key.getValue().trim();
        PlatformSettings.Setting setting = PlatformSettings.Setting.ofKey(name).orElseThrow(() ->
                Refusals.badParameter("key", "'" + name + "' is no platform setting: " + Arrays.stream(
                        PlatformSettings.Setting.values()).map(PlatformSettings.Setting::key)
                        .collect(Collectors.joining(", "))));
        if (value == null || value.getValue() == null || value.getValue() < setting.min()
                || value.getValue() > setting.max()) {
            throw Refusals.badParameter("value", setting.key() + " is a whole number of days, " + setting.min()
                    + " to " + setting.max());
        }
        settings.set(setting, value.getValue(), ClinicLifecycle.actor(request));
        return PlatformSettingsOperation.answer(settings.all());
    }
}
