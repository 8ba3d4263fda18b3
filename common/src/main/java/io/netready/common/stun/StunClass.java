package io.netready.common.stun;

/** The class of a STUN message, RFC 8489 §3 and §5: the C1 C0 bits of the message type. */
public enum StunClass {
    REQUEST(0b00),
    INDICATION(0b01),
    SUCCESS_RESPONSE(0b10),
    ERROR_RESPONSE(0b11);

    final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    static StunClass ofBits(int bits) {
        return values()[bits]; // declared in bit order
    }
}
