package io.netready.common.stun;

import java.net.InetSocketAddress;

/**
 * OTHER-ADDRESS (RFC 5780 §7.4): the server's alternate address and port, the one it answers from
 * on a CHANGE-REQUEST; absent when the server has only one address.
 */
public record OtherAddress(InetSocketAddress address) implements StunAttribute {
    static final int TYPE = 0x802C;

    /** @throws IllegalArgumentException if the address is null or unresolved */
    public OtherAddress {
        TransportAddressCodec.requireResolved(address);
    }

    @Override
    public int type() {
        return TYPE;
    }

    /** Encoded as MAPPED-ADDRESS is (RFC 8489 §14.1). */
    static OtherAddress decode(byte[] value) throws StunParseException {
        return new OtherAddress(TransportAddressCodec.decode(value));
    }

    byte[] encodeValue() {
        return TransportAddressCodec.encode(address);
    }
}
