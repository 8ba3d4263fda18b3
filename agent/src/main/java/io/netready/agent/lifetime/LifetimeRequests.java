package io.netready.agent.lifetime;

import io.netready.common.stun.ResponsePort;
import io.netready.common.stun.Software;
import io.netready.common.stun.StunAttribute;
import io.netready.common.stun.StunMessage;
import io.netready.common.stun.StunMessageType;
import io.netready.common.stun.TransactionId;

/**
 * The Binding requests of the lifetime test, each {@value #REQUEST_BYTES} bytes long.
 *
 * <p>A server that never sends more to an unverified source than it received (SPEC §4, as ours
 * does: it drops optional attributes that would make the answer larger than the request, and
 * charges any excess against a small per-source credit) would otherwise answer ~100 small requests
 * from one NAT address with a bare XOR-MAPPED-ADDRESS, or not at all. So the requests carry a
 * SOFTWARE attribute (RFC 8489 §14.14) padded with spaces, making each as large as the full answer
 * of an RFC 5780 server for IPv6: XOR-MAPPED-ADDRESS, MAPPED-ADDRESS, RESPONSE-ORIGIN and
 * OTHER-ADDRESS of 24 bytes each, FINGERPRINT, the header (124 bytes), and 36 bytes of the server's
 * own SOFTWARE. PADDING (RFC 5780 §7.6) is no use here: it asks the server to pad its answer too.
 */
final class LifetimeRequests {

    static final int REQUEST_BYTES = 160;
    private static final int HEADER_BYTES = 20;
    private static final int ATTRIBUTE_HEADER_BYTES = 4;
    private static final int RESPONSE_PORT_BYTES = 8;
    private static final int FINGERPRINT_BYTES = 8;
    private static final String DESCRIPTION = "netready binding-lifetime test; padded so that no answer is larger";

    private LifetimeRequests() {
    }

    /** The attributes of the Binding request that opens a mapping (StunClient adds FINGERPRINT). */
    static StunAttribute[] opening() {
        return new StunAttribute[] {software(REQUEST_BYTES - HEADER_BYTES - FINGERPRINT_BYTES)};
    }

    /**
     * The Binding request that asks the server to answer to {@code port} of the NAT address this
     * request comes from, rather than to its source port (RFC 5780 §7.5).
     */
    static byte[] probe(TransactionId id, int port) {
        return StunMessage.builder(StunMessageType.BINDING_REQUEST, id)
                .add(new ResponsePort(port))
                .add(software(REQUEST_BYTES - HEADER_BYTES - RESPONSE_PORT_BYTES - FINGERPRINT_BYTES))
                .fingerprint().encode();
    }

    /** SOFTWARE taking {@code bytes} with its header (a multiple of 4, so no attribute padding). */
    private static Software software(int bytes) {
        StringBuilder text = new StringBuilder(DESCRIPTION);
        while (text.length() < bytes - ATTRIBUTE_HEADER_BYTES) {
            text.append(' ');
        }
        return new Software(text.toString());
    }
}
