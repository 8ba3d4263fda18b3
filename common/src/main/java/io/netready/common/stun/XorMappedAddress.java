package io.netready.common.stun;

import java.net.InetSocketAddress;

/**
 * XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the client's reflexive transport address, XOR-ed with
 * the magic cookie (and, for IPv6, the transaction id) so that NATs rewriting addresses in
 * payloads leave it alone.
 */
public record XorMappedAddress(InetSocketAddress address) implements StunAttribute {
    static final int TYPE = 0x0020;

    /** @throws IllegalArgumentException if the address is null or unresolved */
    public XorMappedAddress {
        TransportAddressCodec.requireResolved(address);
    }

    @Override
    public int type() {
        return TYPE;
    }

    static XorMappedAddress decode(byte[] value, TransactionId transactionId)
            throws StunParseException {
        return new XorMappedAddress(
                TransportAddressCodec.decode(value, TransportAddressCodec.xorMask(transactionId)));
    }

    byte[] encodeValue(TransactionId transactionId) {
        return TransportAddressCodec.encode(address, TransportAddressCodec.xorMask(transactionId));
    }
}
