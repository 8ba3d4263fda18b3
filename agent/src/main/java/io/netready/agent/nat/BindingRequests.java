package io.netready.agent.nat;

import io.netready.common.cli.BuildInfo;
import io.netready.common.stun.Software;
import io.netready.common.stun.StunAttribute;
import io.netready.common.stun.StunMessage;
import io.netready.common.stun.StunMessageType;
import io.netready.common.stun.TransactionId;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The agent's Binding requests (NAT discovery, binding lifetime), each at least as large as the
 * answer it needs.
 *
 * <p>Why: a server that refuses to amplify (SPEC §4; RFC 8489 §6.3 leaves it to the server)
 * charges any response bytes beyond the request's against a small per-source credit, and
 * discovery and the lifetime test send bursts of requests from one NAT address. A request as large as its answer costs no credit, so
 * no answer is ever held back. The answer discovery needs is XOR-MAPPED-ADDRESS, RESPONSE-ORIGIN
 * and OTHER-ADDRESS (RFC 5780 §4) plus FINGERPRINT; a SOFTWARE attribute of computed length fills
 * the difference (PADDING would ask the server to pad its answer too, RFC 5780 §7.6).
 */
public final class BindingRequests {

    /** RFC 8489 §5 header; §14 attribute header. */
    private static final int HEADER = 20;
    private static final int ATTRIBUTE_HEADER = 4;
    /** RFC 8489 §14.1: family, port and address: 8 bytes for IPv4, 20 for IPv6. */
    private static final int ADDRESS_VALUE_IPV4 = 8;
    private static final int ADDRESS_VALUE_IPV6 = 20;
    private static final int FINGERPRINT_VALUE = 4;
    private static final String SOFTWARE = "netready/" + BuildInfo.version();

    private BindingRequests() {
    }

    /** Bytes of a success answer with the three RFC 5780 address attributes and FINGERPRINT. */
    static int answerSize(InetSocketAddress server) {
        int address = ATTRIBUTE_HEADER + (server.getAddress() instanceof Inet4Address
                ? ADDRESS_VALUE_IPV4 : ADDRESS_VALUE_IPV6);
        return HEADER + 3 * address + ATTRIBUTE_HEADER + FINGERPRINT_VALUE;
    }

    /**
     * A Binding request to {@code server}, with {@code extra} (CHANGE-REQUEST, RESPONSE-PORT) when
     * given.
     */
    public static byte[] binding(TransactionId id, InetSocketAddress server, Optional<? extends StunAttribute> extra) {
        int without = builder(id, extra).encode().length;
        // STUN lengths are multiples of 4, so the SOFTWARE value fills the gap exactly.
        int value = Math.max(SOFTWARE.length(), answerSize(server) - without - ATTRIBUTE_HEADER);
        String software = SOFTWARE + " ".repeat(value - SOFTWARE.length());
        return builder(id, extra).add(new Software(software)).encode();
    }

    private static StunMessage.Builder builder(TransactionId id, Optional<? extends StunAttribute> extra) {
        StunMessage.Builder b = StunMessage.builder(StunMessageType.BINDING_REQUEST, id).fingerprint();
        extra.ifPresent(b::add);
        return b;
    }
}
