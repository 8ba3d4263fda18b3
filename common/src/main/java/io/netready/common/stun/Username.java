package io.netready.common.stun;

/** USERNAME (RFC 8489 §14.3): UTF-8, at most 513 bytes. */
public record Username(String name) implements StunAttribute {
    static final int TYPE = 0x0006;
    private static final int MAX_BYTES = 513;

    /** @throws IllegalArgumentException if the name is longer than 513 UTF-8 bytes */
    public Username {
        StunWire.utf8(name, MAX_BYTES, "USERNAME");
    }

    @Override
    public int type() {
        return TYPE;
    }

    static Username decode(byte[] value) throws StunParseException {
        return new Username(StunWire.utf8(value, 0, MAX_BYTES, "USERNAME"));
    }

    byte[] encodeValue() {
        return StunWire.utf8(name, MAX_BYTES, "USERNAME");
    }
}
