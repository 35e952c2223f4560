package health.cura.fhir.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inputs a client gets wrong answer 400 with an OperationOutcome saying what is wrong, never 500 (issue 15). */
class MalformedRequestsTest extends ServerTest {

    private static String clinic;

    @BeforeEach
    void clinic() {
        if (clinic == null) {
            clinic = newTenant("malformed");
            createPatient(client(clinic), "Malformed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Patient?birthdate=2025-13-45",
        "Patient?birthdate=yesterday",
        "Patient?_lastUpdated=gt2025-02-30T25:00",
        "AuditEvent?date=2025-13-45",
        "Observation?value-quantity=lots",
        "Observation?value-quantity=gt%7Chttp://unitsofmeasure.org%7Ckg",
        "Patient?_offset=-5",
        "Patient?_count=-1",
        "Patient?_filter=name%20eq%20%22x%22",
        "$export-poll-status"
    })
    void aMalformedSearchIsABadRequestWithAnOperationOutcome(String query) {
        HttpResponse<String> response = get("/" + clinic + "/" + query);

        assertThat(response.statusCode()).as(query + ": " + response.body()).isBetween(400, 499);
        assertThat(response.body()).as(query).contains("\"resourceType\":\"OperationOutcome\"")
                .doesNotContain("error reference");
    }

    @Test
    void theMissingModifierIsRefusedSayingSoRatherThanFailing() {
        for (String query : new String[] {"Patient?family:missing=false", "Patient?_profile:missing=true"}) {
            HttpResponse<String> response = get("/" + clinic + "/" + query);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.body()).as(query).contains(":missing modifier").contains("not supported");
        }
    }

    @Test
    void noSearchValueOfAFailedRequestReachesTheLog() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
                new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        root.addAppender(log);
        try {
            get("/" + clinic + "/Patient?birthdate=1961-13-07");
            get("/" + clinic + "/Patient?family:missing=false&name=Smithereens");
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).extracting(event -> event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage()))
                .noneMatch(line -> line.contains("1961-13-07") || line.contains("Smithereens"));
    }
}
