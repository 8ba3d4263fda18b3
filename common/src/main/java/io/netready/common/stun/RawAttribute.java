package io.netready.common.stun;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An attribute this package does not understand, kept as its type and value bytes (padding
 * excluded). If its type is comprehension-required (0x0000-0x7FFF, RFC 8489 §14) a server must
 * answer a request carrying it with 420; see {@link StunMessage#unknownComprehensionRequired()}.
 */
public record RawAttribute(int type, byte[] value) implements StunAttribute {

    /**
     * @throws IllegalArgumentException if the type is not 16 bits, is MESSAGE-INTEGRITY or
     *     FINGERPRINT (which the builder places itself), or the value exceeds 65535 bytes
     */
    public RawAttribute {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("attribute type " + type + " is not 16 bits");
        }
        if (type == StunWire.MESSAGE_INTEGRITY || type == StunWire.FINGERPRINT) {
            throw new IllegalArgumentException(String.format(
                    "attribute type 0x%04x is added by StunMessage.Builder", type));
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("attribute value of " + value.length + " bytes");
        }
        value = value.clone();
    }

    /** A copy of the value bytes. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Whether an agent that does not understand this attribute must reject the message. */
    public boolean comprehensionRequired() {
        return StunWire.isComprehensionRequired(type);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawAttribute that && type == that.type
                && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return String.format("RawAttribute[type=0x%04x, value=%s]", type,
                HexFormat.of().formatHex(value));
    }
}
