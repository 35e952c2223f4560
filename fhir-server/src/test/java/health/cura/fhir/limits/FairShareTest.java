package health.cura.fhir.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FairShareTest {

    @Test
    void aClinicAloneMayUseThePoolAndMore() {
        FairShare share = new FairShare(4);
        for (int i = 0; i < 10; i++) {
            assertThat(share.admit("a")).as("request %d", i).isTrue();
        }
    }

    @Test
    void competingClinicsEachGetTheirShareAndNoMore() {
        FairShare share = new FairShare(4);
        for (int i = 0; i < 6; i++) {
            share.admit("a");
        }
        assertThat(share.admit("b")).as("the newcomer is admitted although a holds more than its share").isTrue();
        assertThat(share.admit("b")).isTrue();
        assertThat(share.admit("b")).as("b at its share of 4 / 2").isFalse();
        assertThat(share.admit("a")).as("a above its share").isFalse();

        for (int i = 0; i < 5; i++) {
            share.release("a");
        }
        assertThat(share.inFlight("a")).isEqualTo(1);
        assertThat(share.admit("a")).as("a below its share again").isTrue();
        assertThat(share.admit("c")).as("a third clinic gets at least one").isTrue();
        assertThat(share.admit("c")).as("share of 4 / 3 is one").isFalse();
    }

    @Test
    void aClinicWhoseRequestsAllEndedStopsCompeting() {
        FairShare share = new FairShare(4);
        share.admit("a");
        share.admit("b");
        share.release("b");
        for (int i = 0; i < 8; i++) {
            assertThat(share.admit("a")).isTrue();
        }
        assertThat(share.inFlight("b")).isZero();
    }
}
