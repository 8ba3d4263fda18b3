package io.netready.common.stun;

/**
 * RESPONSE-PORT (RFC 5780 §7.5): asks the server to send its response to this port instead of
 * the request's source port, from the same IP address; the hairpinning and binding-lifetime
 * tests use it.
 */
public record ResponsePort(int port) implements StunAttribute {
    static final int TYPE = 0x0027;

    /** @throws IllegalArgumentException if the port is not 1..65535 */
    public ResponsePort {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("RESPONSE-PORT " + port + " is not a port");
        }
    }

    @Override
    public int type() {
        return TYPE;
    }

    /** A 16-bit port, then 2 bytes of padding. */
    static ResponsePort decode(byte[] value) throws StunParseException {
        if (value.length != 4) {
            throw new StunParseException("RESPONSE-PORT value of " + value.length + " bytes, expected 4");
        }
        int port = (value[0] & 0xFF) << 8 | (value[1] & 0xFF);
        if (port == 0) {
            throw new StunParseException("RESPONSE-PORT 0 is not a port");
        }
        return new ResponsePort(port);
    }

    byte[] encodeValue() {
        return new byte[] {(byte) (port >>> 8), (byte) port, 0, 0};
    }
}
