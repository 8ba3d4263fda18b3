package io.netready.common.stun;

/**
 * ERROR-CODE (RFC 8489 §14.8): a code from 300 to 699 and a UTF-8 reason phrase of at most
 * 763 bytes.
 */
public record ErrorCode(int code, String reason) implements StunAttribute {
    static final int TYPE = 0x0009;
    private static final int MAX_REASON_BYTES = 763;

    /** 400: the request was malformed. */
    public static final ErrorCode BAD_REQUEST = new ErrorCode(400, "Bad Request");
    /** 420: the request had comprehension-required attributes the server does not understand. */
    public static final ErrorCode UNKNOWN_ATTRIBUTE = new ErrorCode(420, "Unknown Attribute");

    /** @throws IllegalArgumentException if the code is outside 300-699 or the reason too long */
    public ErrorCode {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("error code " + code + " is outside 300-699");
        }
        StunWire.utf8(reason, MAX_REASON_BYTES, "ERROR-CODE reason");
    }

    @Override
    public int type() {
        return TYPE;
    }

    /** 21 reserved bits, the class (hundreds) in 3 bits, the number (0-99) in 8 bits, reason. */
    static ErrorCode decode(byte[] value) throws StunParseException {
        if (value.length < 4) {
            throw new StunParseException(
                    "ERROR-CODE value of " + value.length + " bytes is too short");
        }
        int errorClass = value[2] & 0x07;
        int number = value[3] & 0xFF;
        if (errorClass < 3 || errorClass > 6 || number > 99) {
            throw new StunParseException("ERROR-CODE class " + errorClass + " number " + number
                    + " is not a code in 300-699");
        }
        return new ErrorCode(errorClass * 100 + number,
                StunWire.utf8(value, 4, MAX_REASON_BYTES, "ERROR-CODE reason"));
    }

    byte[] encodeValue() {
        byte[] reasonBytes = StunWire.utf8(reason, MAX_REASON_BYTES, "ERROR-CODE reason");
        byte[] value = new byte[4 + reasonBytes.length];
        value[2] = (byte) (code / 100);
        value[3] = (byte) (code % 100);
        System.arraycopy(reasonBytes, 0, value, 4, reasonBytes.length);
        return value;
    }
}
