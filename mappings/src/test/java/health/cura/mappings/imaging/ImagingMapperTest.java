package health.cura.mappings.imaging;

import static health.cura.mappings.Generators.optionalText;
import static health.cura.mappings.Generators.text;
import static org.assertj.core.api.Assertions.assertThat;

import health.cura.conformance.terminology.CuraCode;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.InMemoryLinks;
import health.cura.mappings.MappingContext;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Reference;

class ImagingMapperTest {

    private final InMemoryLinks links = new InMemoryLinks();
    private final MappingContext context = links.context();

    @Property(tries = 500)
    void rowToStudyAndFileToRowIsExact(@ForAll("rows") ImagingRow row) {
        assertThat(ImagingMapper.toRow(ImagingMapper.toFhir(row, context), OptionalInt.empty(), context))
                .isEqualTo(row);
    }

    /** As Synthea writes it: the modality on the series only, no interpreter, no file. */
    @Example
    void seriesModalityAndTheEncountersPractitionerAreEnough() {
        ImagingStudy study = new ImagingStudy().setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        study.setSubject(new Reference("Patient/" + links.resourceId("Patient", 4).get()));
        study.setStarted(new java.util.Date(0));
        study.addSeries().setModality(new Coding(CuraEnums.DICOM, "DX", "Digital Radiography"))
                .setBodySite(new Coding("http://snomed.info/sct", "51185008", "Thoracic structure"));

        ImagingRow row = ImagingMapper.toRow(new ImagingRecord(study, java.util.Optional.empty()), OptionalInt.of(6),
                context);

        assertThat(row.imagingType()).isEqualTo("x-ray");
        assertThat(row.modality()).isEqualTo("DX");
        assertThat(row.bodyPart()).isEqualTo("Thoracic structure");
        assertThat(row.uploadedBy()).isEqualTo(6);
        assertThat(row.file()).isEqualTo(ImagingRow.ImagingFile.NONE);
    }

    @Provide
    Arbitrary<ImagingRow> rows() {
        Arbitrary<LocalDateTime> at = Arbitraries.longs().between(1_500_000_000L, 2_000_000_000L)
                .map(seconds -> LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
        Arbitrary<ImagingRow.ImagingFile> file = Arbitraries.oneOf(Arbitraries.just(ImagingRow.ImagingFile.NONE),
                Combinators.combine(text(2).map(n -> n.replace(' ', '_') + ".dcm"),
                                Arbitraries.strings().withCharRange('a', 'f').numeric().ofLength(12)
                                        .map(id -> "Binary/" + id),
                                Arbitraries.integers().between(1, 50_000_000),
                                Arbitraries.of("application/dicom", "image/png", "image/jpeg"))
                        .as(ImagingRow.ImagingFile::new));
        return Combinators.combine(Arbitraries.integers().between(1, 999), Arbitraries.integers().between(1, 99),
                        Arbitraries.of(CuraEnums.IMAGING_TYPE.codes()).map(CuraCode::code), at,
                        optionalText(3),
                        Arbitraries.of(CuraEnums.IMAGING_MODALITY.codes()).map(CuraCode::code).injectNull(0.3),
                        optionalText(10), file)
                .as((patient, uploader, type, date, body, modality, finding, f) -> new ImagingRow(patient, uploader,
                        type, date, body, modality, finding, f, "active"))
                .flatMap(row -> Arbitraries.of("active", "cancelled").map(status -> new ImagingRow(row.patientId(),
                        row.uploadedBy(), row.imagingType(), row.studyDate(), row.bodyPart(), row.modality(),
                        row.finding(), row.file(), status)));
    }
}
