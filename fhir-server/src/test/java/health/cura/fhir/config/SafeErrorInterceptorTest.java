package health.cura.fhir.config;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.junit.jupiter.api.Test;

/** What a client is told when the database refuses a write: that it conflicts, never the SQL or its values. */
class SafeErrorInterceptorTest {

    @Test
    void constraintViolationsKeepTheirStatusButNotTheirSql() {
        BaseServerResponseException raw = new ResourceVersionConflictException("HAPI-0550: could not execute batch "
                + "[insert into HFJ_RES_SEARCH_URL (RES_SEARCH_URL) values ('Patient?identifier=nhs|9434765919')]");

        BaseServerResponseException shown = SafeErrorInterceptor.uniform(raw);

        assertThat(shown.getStatusCode()).isEqualTo(409);
        assertThat(shown.getMessage()).contains("conflicts with data already stored")
                .doesNotContain("9434765919").doesNotContain("insert into");
    }
}
