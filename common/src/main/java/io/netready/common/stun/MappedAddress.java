package io.netready.common.stun;

import java.net.InetSocketAddress;

/**
 * MAPPED-ADDRESS (RFC 8489 §14.1): the client's reflexive transport address, unobfuscated; kept
 * for RFC 3489 clients.
 */
public record MappedAddress(InetSocketAddress address) implements StunAttribute {
    static final int TYPE = 0x0001;

    /** @throws IllegalArgumentException if the address is null or unresolved */
    public MappedAddress {
        TransportAddressCodec.requireResolved(address);
    }

    @Override
    public int type() {
        return TYPE;
    }

    static MappedAddress decode(byte[] value) throws StunParseException {
        return new MappedAddress(TransportAddressCodec.decode(value));
    }

    byte[] encodeValue() {
        return TransportAddressCodec.encode(address);
    }
}
