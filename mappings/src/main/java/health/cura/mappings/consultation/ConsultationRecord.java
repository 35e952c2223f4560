package health.cura.mappings.consultation;

import java.util.List;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;

/** A consultation in FHIR: the Encounter, its vital-sign Observations and its Conditions (diagnoses). */
public record ConsultationRecord(Encounter encounter, List<Observation> vitals, List<Condition> diagnoses) {

    public ConsultationRecord {
        vitals = List.copyOf(vitals);
        diagnoses = List.copyOf(diagnoses);
    }
}
