package health.cura.fhir.identity.staff;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where failed sign-ins are counted from: an IPv4 address as it is, an IPv6 address by its /64 network, since one
 * subscriber is given a whole /64 and could otherwise try each address of it in turn.
 */
public final class SignInAddress {

    /** Failures whose address is not known are counted together, so they still lock something. */
    public static final String UNKNOWN = "unknown";

    private SignInAddress() {}

    /** The block a remote address counts in. Only literal addresses are read, never looked up in DNS. */
    public static String blockOf(String remoteAddress) {
        if (remoteAddress == null) {
            return UNKNOWN;
        }
        String literal = remoteAddress.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (!InetAddresses.isInetAddress(literal)) {
            return UNKNOWN;
        }
        // an IPv4-mapped IPv6 literal parses to its IPv4 address
        InetAddress address = InetAddresses.forString(literal);
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] network = Arrays.copyOf(Arrays.copyOf(address.getAddress(), 8), 16);
        try {
            return InetAddresses.toAddrString(InetAddress.getByAddress(network)).toLowerCase(Locale.ROOT) + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }
}
