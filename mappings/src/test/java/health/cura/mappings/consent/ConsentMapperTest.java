package health.cura.mappings.consent;

import static health.cura.mappings.Generators.text;
import static org.assertj.core.api.Assertions.assertThat;

import health.cura.conformance.terminology.CuraCode;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.InMemoryLinks;
import health.cura.mappings.MappingContext;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;

class ConsentMapperTest {

    private final InMemoryLinks links = new InMemoryLinks();
    private final MappingContext context = links.context();

    @Property(tries = 500)
    void rowToResourceToRowIsExact(@ForAll("rows") ConsentRow row) {
        assertThat(ConsentMapper.toRow(ConsentMapper.toFhir(row, context), context)).isEqualTo(row);
    }

    @Example
    void plainFhirResearchConsentIsStoredAsResearchOnTheBasisOfConsent() {
        Consent consent = new Consent().setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept().addCoding(new Coding(CuraEnums.CONSENT_SCOPE, "research", null)));
        consent.addCategory().addCoding(new Coding(ConsentMapper.LOINC, ConsentMapper.PATIENT_CONSENT, null));
        consent.setPatient(new Reference("Patient/" + links.resourceId("Patient", 8).get()));
        ConsentRow row = ConsentMapper.toRow(consent, context);
        assertThat(row.consentType()).isEqualTo("research");
        assertThat(row.status()).isEqualTo("granted");
        assertThat(row.legalBasis()).isEqualTo("consent");
        assertThat(row.purpose()).isEmpty();
    }

    @Provide
    Arbitrary<ConsentRow> rows() {
        Arbitrary<LocalDateTime> at = Arbitraries.longs().between(1_500_000_000L, 2_000_000_000L)
                .map(seconds -> LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC)).injectNull(0.3);
        return Combinators.combine(Arbitraries.integers().between(1, 9999),
                        Arbitraries.of(CuraEnums.CONSENT_TYPE.codes()).map(CuraCode::code),
                        Arbitraries.of(CuraEnums.CONSENT_STATUS.codes()).map(CuraCode::code), at, at, text(6),
                        Arbitraries.of(CuraEnums.LEGAL_BASIS.codes()).map(CuraCode::code),
                        Arbitraries.of("contact", "health", "financial", "genetic").list().uniqueElements()
                                .ofMaxSize(3))
                .as(ConsentRow::new);
    }
}
