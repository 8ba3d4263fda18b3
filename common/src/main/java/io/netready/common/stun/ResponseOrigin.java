package io.netready.common.stun;

import java.net.InetSocketAddress;

/**
 * RESPONSE-ORIGIN (RFC 5780 §7.3): the address and port the server sent this response from, so
 * the client can tell which of the server's four address/port pairs answered.
 */
public record ResponseOrigin(InetSocketAddress address) implements StunAttribute {
    static final int TYPE = 0x802B;

    /** @throws IllegalArgumentException if the address is null or unresolved */
    public ResponseOrigin {
        TransportAddressCodec.requireResolved(address);
    }

    @Override
    public int type() {
        return TYPE;
    }

    /** Encoded as MAPPED-ADDRESS is (RFC 8489 §14.1). */
    static ResponseOrigin decode(byte[] value) throws StunParseException {
        return new ResponseOrigin(TransportAddressCodec.decode(value));
    }

    byte[] encodeValue() {
        return TransportAddressCodec.encode(address);
    }
}
