package io.netready.common.stun;

import java.util.ArrayList;
import java.util.List;

/**
 * UNKNOWN-ATTRIBUTES (RFC 8489 §14.9): in a 420 error response, the comprehension-required
 * attribute types the server did not understand.
 */
public record UnknownAttributes(List<Integer> types) implements StunAttribute {
    static final int TYPE = 0x000A;

    /** @throws IllegalArgumentException if a type is not a 16-bit value */
    public UnknownAttributes {
        types = List.copyOf(types);
        for (int type : types) {
            if (type < 0 || type > 0xFFFF) {
                throw new IllegalArgumentException("attribute type " + type + " is not 16 bits");
            }
        }
    }

    @Override
    public int type() {
        return TYPE;
    }

    static UnknownAttributes decode(byte[] value) throws StunParseException {
        if (value.length % 2 != 0) {
            throw new StunParseException("UNKNOWN-ATTRIBUTES value of " + value.length
                    + " bytes is not a list of 16-bit types");
        }
        List<Integer> types = new ArrayList<>(value.length / 2);
        for (int i = 0; i < value.length; i += 2) {
            types.add((value[i] & 0xFF) << 8 | (value[i + 1] & 0xFF));
        }
        return new UnknownAttributes(types);
    }

    byte[] encodeValue() {
        byte[] value = new byte[types.size() * 2];
        for (int i = 0; i < types.size(); i++) {
            value[2 * i] = (byte) (types.get(i) >> 8);
            value[2 * i + 1] = types.get(i).byteValue();
        }
        return value;
    }
}
