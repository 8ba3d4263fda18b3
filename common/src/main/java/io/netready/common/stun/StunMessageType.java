package io.netready.common.stun;

/**
 * A STUN message type: a 12-bit method and a class (RFC 8489 §5).
 *
 * @param method the method, 0x000-0xFFF; {@link #BINDING} is the one RFC 8489 defines
 * @param messageClass request, indication, success or error response
 */
public record StunMessageType(int method, StunClass messageClass) {
    /** The Binding method, RFC 8489 §18.2. */
    public static final int BINDING = 0x001;

    public static final StunMessageType BINDING_REQUEST =
            new StunMessageType(BINDING, StunClass.REQUEST);
    public static final StunMessageType BINDING_SUCCESS_RESPONSE =
            new StunMessageType(BINDING, StunClass.SUCCESS_RESPONSE);
    public static final StunMessageType BINDING_ERROR_RESPONSE =
            new StunMessageType(BINDING, StunClass.ERROR_RESPONSE);

    public StunMessageType {
        if (method < 0 || method > 0xFFF) {
            throw new IllegalArgumentException("method " + method + " is not 12 bits");
        }
        if (messageClass == null) {
            throw new IllegalArgumentException("message class is required");
        }
    }

    /**
     * The 14 type bits of the header, RFC 8489 §5 Figure 3: the class bits C1 and C0 sit between
     * method bits M6/M7 and M3/M4 (M11..M7 C1 M6..M4 C0 M3..M0).
     */
    int wireValue() {
        return (method & 0x000F)
                | (method & 0x0070) << 1
                | (method & 0x0F80) << 2
                | (messageClass.bits & 0b01) << 4
                | (messageClass.bits & 0b10) << 7;
    }

    /** The inverse of {@link #wireValue()}; the two leading zero bits are checked by the caller. */
    static StunMessageType fromWire(int value) {
        int method = (value & 0x000F) | (value & 0x00E0) >> 1 | (value & 0x3E00) >> 2;
        int classBits = (value >> 4 & 0b01) | (value >> 7 & 0b10);
        return new StunMessageType(method, StunClass.ofBits(classBits));
    }
}
