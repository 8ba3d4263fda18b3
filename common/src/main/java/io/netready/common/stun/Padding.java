package io.netready.common.stun;

/**
 * PADDING (RFC 5780 §7.6): bytes that only make a message bigger, to test whether a path
 * fragments or drops large UDP datagrams. Its content means nothing, so only its length is kept.
 */
public record Padding(int length) implements StunAttribute {
    static final int TYPE = 0x0026;

    /** @throws IllegalArgumentException if the length is negative or does not fit a message */
    public Padding {
        if (length < 0 || length > StunWire.MAX_BODY_LENGTH - StunWire.ATTRIBUTE_HEADER_LENGTH) {
            throw new IllegalArgumentException("PADDING of " + length + " bytes does not fit a STUN message");
        }
    }

    @Override
    public int type() {
        return TYPE;
    }

    static Padding decode(byte[] value) {
        return new Padding(value.length);
    }

    byte[] encodeValue() {
        return new byte[length];
    }
}
