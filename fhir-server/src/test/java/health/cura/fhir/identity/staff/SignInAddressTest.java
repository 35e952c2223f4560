package health.cura.fhir.identity.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInAddressTest {

    @Test
    void anIpv4AddressCountsAlone() {
        assertThat(SignInAddress.blockOf("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(SignInAddress.blockOf("203.0.113.8")).isNotEqualTo(SignInAddress.blockOf("203.0.113.7"));
    }

    @Test
    void anIpv6AddressCountsByItsSlash64HoweverItIsWritten() {
        String block = SignInAddress.blockOf("2001:db8:5:6::1");
        assertThat(block).isEqualTo("2001:db8:5:6::/64");
        assertThat(SignInAddress.blockOf("2001:0DB8:0005:0006:ffff:1:2:3")).isEqualTo(block);
        assertThat(SignInAddress.blockOf("[2001:db8:5:6::9]")).isEqualTo(block);
        assertThat(SignInAddress.blockOf("2001:db8:5:6::9%eth0")).isEqualTo(block);
        assertThat(SignInAddress.blockOf("2001:db8:5:7::1")).isNotEqualTo(block);
    }

    @Test
    void anIpv4MappedAddressIsItsIpv4Address() {
        assertThat(SignInAddress.blockOf("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void whatIsNotALiteralAddressIsUnknownAndNeverLookedUp() {
        assertThat(SignInAddress.blockOf(null)).isEqualTo(SignInAddress.UNKNOWN);
        assertThat(SignInAddress.blockOf("")).isEqualTo(SignInAddress.UNKNOWN);
        assertThat(SignInAddress.blockOf("evil.example")).isEqualTo(SignInAddress.UNKNOWN);
        assertThat(SignInAddress.blockOf("999.1.1.1")).isEqualTo(SignInAddress.UNKNOWN);
        assertThat(SignInAddress.blockOf("zz::1")).isEqualTo(SignInAddress.UNKNOWN);
    }
}
