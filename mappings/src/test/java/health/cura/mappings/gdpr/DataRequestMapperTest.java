package health.cura.mappings.gdpr;

import static health.cura.mappings.Generators.optionalText;
import static health.cura.mappings.Generators.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraCode;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.InMemoryLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.UnmappableResourceException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;

class DataRequestMapperTest {

    private final InMemoryLinks links = new InMemoryLinks();
    private final MappingContext context = links.context();

    @Property(tries = 500)
    void rowToResourceToRowIsExact(@ForAll("rows") DataRequestRow row) {
        assertThat(DataRequestMapper.toRow(DataRequestMapper.toFhir(row, context), context)).isEqualTo(row);
    }

    @Example
    void anUnverifiedOpenRequestSaysItsDeadlineIsPaused() {
        Task task = DataRequestMapper.toFhir(row(null, "pending"), context);
        assertThat(task.getBusinessStatus().getText()).contains("paused");
        assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
        assertThat(DataRequestMapper.toFhir(row(LocalDateTime.of(2026, 3, 2, 9, 0), "pending"), context)
                .hasBusinessStatus()).isFalse();
    }

    @Example
    void aTaskOfNoKindOfRequestIsRefused() {
        Task task = task();
        task.setCode(new CodeableConcept().addCoding(new Coding("http://snomed.info/sct", "308540004", null)));
        assertThatThrownBy(() -> DataRequestMapper.toRow(task, context))
                .isInstanceOf(UnmappableResourceException.class).hasMessageContaining("data subject request");
    }

    @Example
    void anExtensionBeyondTwoMonthsIsRefused() {
        Task task = task();
        task.addExtension(CuraCanonical.DEADLINE_EXTENSION_MONTHS_EXTENSION, new IntegerType(3));
        assertThatThrownBy(() -> DataRequestMapper.toRow(task, context))
                .isInstanceOf(UnmappableResourceException.class).hasMessageContaining("at most 2 further months");
    }

    @Example
    void aTaskForNoPatientOfTheClinicIsRefused() {
        Task task = task().setFor(new Reference("Group/7"));
        assertThatThrownBy(() -> DataRequestMapper.toRow(task, context))
                .isInstanceOf(UnmappableResourceException.class).hasMessageContaining("Task.for");
    }

    private Task task() {
        Task task = new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER);
        task.setCode(new CodeableConcept().addCoding(new Coding(CuraEnums.GDPR_REQUEST_TYPE.system(), "access", null)));
        task.setFor(new Reference("Patient/" + links.resourceId("Patient", 4).orElseThrow()));
        return task;
    }

    private static DataRequestRow row(LocalDateTime verified, String status) {
        return new DataRequestRow(4, "access", status, null, verified, null, LocalDateTime.of(2026, 3, 1, 10, 0),
                null, LocalDateTime.of(2026, 4, 1, 22, 59, 59), null, List.of(), 0, null);
    }

    @Provide
    Arbitrary<DataRequestRow> rows() {
        Arbitrary<LocalDateTime> at = Arbitraries.longs().between(1_500_000_000L, 2_000_000_000L)
                .map(seconds -> LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
        Arbitrary<CommunicationEntry> entries = Builders.withBuilder(() -> new CommunicationEntry(null, null, null, ""))
                .use(at.injectNull(0.2)).in((e, v) -> new CommunicationEntry(v, e.channel(), e.by(), e.summary()))
                .use(Arbitraries.of(DataRequestMapper.CHANNELS).injectNull(0.3))
                .in((e, v) -> new CommunicationEntry(e.at(), v, e.by(), e.summary()))
                .use(optionalText(3)).in((e, v) -> new CommunicationEntry(e.at(), e.channel(), v, e.summary()))
                .use(text(8)).in((e, v) -> new CommunicationEntry(e.at(), e.channel(), e.by(), v))
                .build();
        return Builders.withBuilder(() -> row(null, "pending"))
                .use(Arbitraries.integers().between(1, 9999)).in((r, v) -> with(r, v, null))
                .use(Arbitraries.of(CuraEnums.GDPR_REQUEST_TYPE.codes()).map(CuraCode::code))
                .in((r, v) -> new DataRequestRow(r.patientId(), v, r.status(), r.requestReason(),
                        r.identityVerifiedAt(), r.processedBy(), r.requestedAt(), r.completedAt(), r.dueDate(),
                        r.rejectionReason(), r.communicationLog(), r.extensionMonths(), r.extensionReason()))
                .use(Arbitraries.of(CuraEnums.GDPR_REQUEST_STATUS.codes()).map(CuraCode::code))
                .in((r, v) -> new DataRequestRow(r.patientId(), r.requestType(), v, r.requestReason(),
                        r.identityVerifiedAt(), r.processedBy(), r.requestedAt(), r.completedAt(), r.dueDate(),
                        r.rejectionReason(), r.communicationLog(), r.extensionMonths(), r.extensionReason()))
                .use(optionalText(6)).in((r, v) -> new DataRequestRow(r.patientId(), r.requestType(), r.status(), v,
                        r.identityVerifiedAt(), r.processedBy(), r.requestedAt(), r.completedAt(), r.dueDate(),
                        r.rejectionReason(), r.communicationLog(), r.extensionMonths(), r.extensionReason()))
                .use(at.injectNull(0.4)).in((r, v) -> new DataRequestRow(r.patientId(), r.requestType(), r.status(),
                        r.requestReason(), v, r.processedBy(), r.requestedAt(), r.completedAt(), r.dueDate(),
                        r.rejectionReason(), r.communicationLog(), r.extensionMonths(), r.extensionReason()))
                .use(Arbitraries.integers().between(1, 999).injectNull(0.5)).in((r, v) -> with(r, r.patientId(), v))
                .use(at.injectNull(0.1)).in((r, v) -> new DataRequestRow(r.patientId(), r.requestType(), r.status(),
                        r.requestReason(), r.identityVerifiedAt(), r.processedBy(), v, r.completedAt(), r.dueDate(),
                        r.rejectionReason(), r.communicationLog(), r.extensionMonths(), r.extensionReason()))
                .use(at.injectNull(0.6)).in((r, v) -> new DataRequestRow(r.patientId(), r.requestType(), r.status(),
                        r.requestReason(), r.identityVerifiedAt(), r.processedBy(), r.requestedAt(), v, r.dueDate(),
                        r.rejectionReason(), r.communicationLog(), r.extensionMonths(), r.extensionReason()))
                .use(at).in((r, v) -> new DataRequestRow(r.patientId(), r.requestType(), r.status(),
                        r.requestReason(), r.identityVerifiedAt(), r.processedBy(), r.requestedAt(), r.completedAt(),
                        v, r.rejectionReason(), r.communicationLog(), r.extensionMonths(), r.extensionReason()))
                .use(optionalText(5)).in((r, v) -> new DataRequestRow(r.patientId(), r.requestType(), r.status(),
                        r.requestReason(), r.identityVerifiedAt(), r.processedBy(), r.requestedAt(), r.completedAt(),
                        r.dueDate(), v, r.communicationLog(), r.extensionMonths(), r.extensionReason()))
                .use(entries.list().ofMaxSize(4)).in((r, v) -> new DataRequestRow(r.patientId(), r.requestType(),
                        r.status(), r.requestReason(), r.identityVerifiedAt(), r.processedBy(), r.requestedAt(),
                        r.completedAt(), r.dueDate(), r.rejectionReason(), v, r.extensionMonths(),
                        r.extensionReason()))
                .use(Arbitraries.integers().between(0, StatutoryDeadline.MAX_EXTENSION_MONTHS))
                .in((r, v) -> new DataRequestRow(r.patientId(), r.requestType(), r.status(), r.requestReason(),
                        r.identityVerifiedAt(), r.processedBy(), r.requestedAt(), r.completedAt(), r.dueDate(),
                        r.rejectionReason(), r.communicationLog(), v, r.extensionReason()))
                .use(optionalText(6)).in((r, v) -> new DataRequestRow(r.patientId(), r.requestType(), r.status(),
                        r.requestReason(), r.identityVerifiedAt(), r.processedBy(), r.requestedAt(), r.completedAt(),
                        r.dueDate(), r.rejectionReason(), r.communicationLog(), r.extensionMonths(), v))
                .build();
    }

    private static DataRequestRow with(DataRequestRow r, int patient, Integer processedBy) {
        return new DataRequestRow(patient, r.requestType(), r.status(), r.requestReason(), r.identityVerifiedAt(),
                processedBy, r.requestedAt(), r.completedAt(), r.dueDate(), r.rejectionReason(), r.communicationLog(),
                r.extensionMonths(), r.extensionReason());
    }
}
