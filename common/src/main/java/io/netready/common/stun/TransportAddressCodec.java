package io.netready.common.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * The value of MAPPED-ADDRESS (§14.1) and XOR-MAPPED-ADDRESS (§14.2): a reserved byte, the
 * family, the port and the address. The XOR form masks the port with the top 16 bits of the
 * magic cookie and the address with the cookie followed by the transaction id; the plain form
 * uses an all-zero mask, so one code path serves both.
 */
final class TransportAddressCodec {
    private static final int IPV4 = 0x01;
    private static final int IPV6 = 0x02;
    private static final byte[] NO_MASK = new byte[16];

    private TransportAddressCodec() {
    }

    static byte[] xorMask(TransactionId transactionId) {
        return ByteBuffer.allocate(16)
                .putInt(StunWire.MAGIC_COOKIE)
                .put(transactionId.bytes())
                .array();
    }

    static byte[] encode(InetSocketAddress address) {
        return encode(address, NO_MASK);
    }

    static InetSocketAddress decode(byte[] value) throws StunParseException {
        return decode(value, NO_MASK);
    }

    static byte[] encode(InetSocketAddress address, byte[] mask) {
        byte[] ip = address.getAddress().getAddress();
        byte[] value = new byte[4 + ip.length];
        value[1] = (byte) (ip.length == 4 ? IPV4 : IPV6); // value[0] is reserved, zero
        value[2] = (byte) (address.getPort() >> 8 ^ mask[0]);
        value[3] = (byte) (address.getPort() ^ mask[1]);
        for (int i = 0; i < ip.length; i++) {
            value[4 + i] = (byte) (ip[i] ^ mask[i]);
        }
        return value;
    }

    static InetSocketAddress decode(byte[] value, byte[] mask) throws StunParseException {
        if (value.length < 4) {
            throw new StunParseException(
                    "address value of " + value.length + " bytes is too short");
        }
        int family = value[1] & 0xFF; // value[0] is reserved and ignored on receipt
        int ipLength = switch (family) {
            case IPV4 -> 4;
            case IPV6 -> 16;
            default -> throw new StunParseException(String.format(
                    "address family 0x%02x is neither IPv4 (0x01) nor IPv6 (0x02)", family));
        };
        if (value.length != 4 + ipLength) {
            throw new StunParseException((family == IPV4 ? "IPv4" : "IPv6") + " address value has "
                    + value.length + " bytes, expected " + (4 + ipLength));
        }
        int port = ((value[2] ^ mask[0]) & 0xFF) << 8 | ((value[3] ^ mask[1]) & 0xFF);
        byte[] ip = new byte[ipLength];
        for (int i = 0; i < ipLength; i++) {
            ip[i] = (byte) (value[4 + i] ^ mask[i]);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }

    /** Checks an address given for encoding. */
    static InetSocketAddress requireResolved(InetSocketAddress address) {
        if (address == null || address.isUnresolved()) {
            throw new IllegalArgumentException("a resolved socket address is required: " + address);
        }
        return address;
    }
}
