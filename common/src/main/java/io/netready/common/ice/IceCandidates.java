package io.netready.common.ice;

import io.netready.common.net.HostPort;
import io.netready.proto.Endpoint;
import io.netready.proto.IceCandidate;
import io.netready.proto.IceCredentials;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Pattern;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Candidate;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.RemoteCandidate;

/** ICE candidates and credentials between ice4j and the gRPC messages, checked on the way in. */
public final class IceCandidates {

    /** More than any real offer of one component carries; bounds the checks a peer can ask for. */
    public static final int MAX_CANDIDATES = 16;

    /** RFC 8445 §5.1.1.1: the types a candidate can have. */
    private static final Set<String> TYPES = Set.of("host", "srflx", "prflx", "relay");
    /** RFC 8839 §5.4: ice-char = ALPHA / DIGIT / "+" / "/"; ufrag 4–256 chars, pwd 22–256. */
    private static final Pattern UFRAG = Pattern.compile("[A-Za-z0-9+/]{4,256}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9+/]{22,256}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private IceCandidates() {
    }

    public static IceCandidate toProto(Candidate<?> c) {
        IceCandidate.Builder b = IceCandidate.newBuilder()
                .setFoundation(c.getFoundation())
                .setComponent(c.getParentComponent().getComponentID())
                .setTransport(c.getTransport().toString())
                .setPriority((int) c.getPriority())
                .setAddress(endpoint(c.getTransportAddress()))
                .setType(c.getType().toString());
        if (c.getRelatedAddress() != null) {
            b.setRelatedAddress(endpoint(c.getRelatedAddress()));
        }
        return b.build();
    }

    /** "srflx 203.0.113.1:40312/udp": how results and evidence name a candidate. */
    public static String describe(Candidate<?> c) {
        return c.getType() + " " + HostPort.format(c.getTransportAddress()) + "/" + c.getTransport();
    }

    /**
     * The remote candidate {@code c} of {@code component}.
     *
     * @throws IllegalArgumentException saying which field is wrong
     */
    public static RemoteCandidate fromProto(IceCandidate c, Component component) {
        if (c.getComponent() != component.getComponentID()) {
            throw new IllegalArgumentException("candidate component " + c.getComponent() + ": only "
                    + component.getComponentID() + " is checked");
        }
        if (!"udp".equalsIgnoreCase(c.getTransport())) {
            throw new IllegalArgumentException("candidate transport '" + c.getTransport() + "': only udp is checked");
        }
        if (!TYPES.contains(c.getType())) {
            throw new IllegalArgumentException("candidate type '" + c.getType() + "': use one of " + TYPES);
        }
        if (c.getFoundation().isEmpty() || c.getFoundation().length() > 32) {
            throw new IllegalArgumentException("candidate foundation must be 1 to 32 characters (RFC 8839 §5.1)");
        }
        if (c.getPriority() == 0) {
            throw new IllegalArgumentException("candidate priority must be positive (RFC 8445 §5.1.2)");
        }
        return new RemoteCandidate(transportAddress(c.getAddress(), "address"), component,
                CandidateType.parse(c.getType()), c.getFoundation(), Integer.toUnsignedLong(c.getPriority()), null);
    }

    /** @throws IllegalArgumentException when the credentials break RFC 8839 §5.4 */
    public static void check(IceCredentials credentials) {
        if (!UFRAG.matcher(credentials.getUfrag()).matches()) {
            throw new IllegalArgumentException("ufrag must be 4 to 256 characters of A-Z a-z 0-9 + / (RFC 8839 §5.4)");
        }
        if (!PASSWORD.matcher(credentials.getPassword()).matches()) {
            throw new IllegalArgumentException(
                    "password must be 22 to 256 characters of A-Z a-z 0-9 + / (RFC 8839 §5.4)");
        }
    }

    private static Endpoint endpoint(TransportAddress a) {
        return Endpoint.newBuilder().setHost(a.getHostAddress()).setPort(a.getPort()).build();
    }

    /** An IP literal only: a name would make the receiver resolve what a peer chose. */
    private static TransportAddress transportAddress(Endpoint e, String field) {
        String host = e.getHost();
        if (!(host.contains(":") || IPV4.matcher(host).matches())) {
            throw new IllegalArgumentException("candidate " + field + " '" + host + "' is not an IP address");
        }
        if (e.getPort() < 1 || e.getPort() > 65535) {
            throw new IllegalArgumentException("candidate " + field + " port " + e.getPort() + " is not 1 to 65535");
        }
        try {
            return new TransportAddress(InetAddress.getByName(host), e.getPort(), Transport.UDP);
        } catch (UnknownHostException ex) {
            throw new IllegalArgumentException("candidate " + field + " '" + host + "' is not an IP address");
        }
    }
}
