package io.netready.common.stun;

/**
 * CHANGE-REQUEST (RFC 5780 §7.2): asks the server to answer from its other IP address, its other
 * port, or both; the filtering tests of §4.4 rest on it.
 */
public record ChangeRequest(boolean changeIp, boolean changePort) implements StunAttribute {
    static final int TYPE = 0x0003;
    /** The "A" flag: change IP. */
    private static final int CHANGE_IP = 0x04;
    /** The "B" flag: change port. */
    private static final int CHANGE_PORT = 0x02;

    @Override
    public int type() {
        return TYPE;
    }

    /** Other bits are ignored, as the RFC's unused bits must be. */
    static ChangeRequest decode(byte[] value) throws StunParseException {
        if (value.length != 4) {
            throw new StunParseException("CHANGE-REQUEST value of " + value.length + " bytes, expected 4");
        }
        int flags = value[3] & 0xFF;
        return new ChangeRequest((flags & CHANGE_IP) != 0, (flags & CHANGE_PORT) != 0);
    }

    byte[] encodeValue() {
        return new byte[] {0, 0, 0, (byte) ((changeIp ? CHANGE_IP : 0) | (changePort ? CHANGE_PORT : 0))};
    }
}
