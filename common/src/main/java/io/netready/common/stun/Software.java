package io.netready.common.stun;

/** SOFTWARE (RFC 8489 §14.14): a description of the sender's software, at most 763 UTF-8 bytes. */
public record Software(String description) implements StunAttribute {
    static final int TYPE = 0x8022;
    private static final int MAX_BYTES = 763;

    /** @throws IllegalArgumentException if the description is longer than 763 UTF-8 bytes */
    public Software {
        StunWire.utf8(description, MAX_BYTES, "SOFTWARE");
    }

    @Override
    public int type() {
        return TYPE;
    }

    static Software decode(byte[] value) throws StunParseException {
        return new Software(StunWire.utf8(value, 0, MAX_BYTES, "SOFTWARE"));
    }

    byte[] encodeValue() {
        return StunWire.utf8(description, MAX_BYTES, "SOFTWARE");
    }
}
