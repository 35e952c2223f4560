package health.cura.fhir.subscriptions;

import ca.uhn.fhir.rest.annotation.Operation;
import health.cura.fhir.operations.OperationDefinitions;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/** {@code GET /fhir/DEFAULT/$platform-settings}: the platform's typed settings, each with where it comes from. */
public class PlatformSettingsOperation extends PlatformOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("platform-settings", "The platform's settings",
                    "The platform's settings (saas_settings), each with its value, range and whether it is stored "
                            + "or the server's configuration.")
            .system()
            .out("setting", null, 0, "*", "one per setting")
            .part("key", "string", 1, "1", "billing.paymentTermsDays, billing.gracePeriodDays, "
                    + "subscriptions.defaultTrialDays")
            .part("value", "integer", 1, "1", "days")
            .part("stored", "boolean", 1, "1", "true: saas_settings; false: the configuration")
            .part("description", "string", 1, "1", "what it governs, and its range")
            .build();

    private final PlatformSettings settings;

    public PlatformSettingsOperation(PlatformSettings settings) {
        this.settings = settings;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Operation(name = "$platform-settings", idempotent = true)
    public Parameters read() {
        return answer(settings.all());
    }

    static Parameters answer(Map<PlatformSettings.Setting, PlatformSettings.Value> all) {
        Parameters answer = new Parameters();
        all.forEach((setting, value) -> {
            Parameters.ParametersParameterComponent one = answer.addParameter().setName("setting");
            one.addPart().setName("key").setValue(new StringType(setting.key()));
            one.addPart().setName("value").setValue(new IntegerType(value.days()));
            one.addPart().setName("stored").setValue(new BooleanType(value.stored()));
            one.addPart().setName("description").setValue(new StringType(setting.description() + " (" + setting.min()
                    + " to " + setting.max() + ")"));
        });
        return answer;
    }
}
