package io.netready.common.stun;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** Wire constants and small helpers shared by the codec, RFC 8489 §5 and §14. */
final class StunWire {
    static final int HEADER_LENGTH = 20;
    static final int ATTRIBUTE_HEADER_LENGTH = 4;
    static final int MAGIC_COOKIE = 0x2112A442;
    /** The length field is 16 bits and always a multiple of 4 (§5). */
    static final int MAX_BODY_LENGTH = 0xFFFC;

    static final int MESSAGE_INTEGRITY = 0x0008;
    static final int MESSAGE_INTEGRITY_LENGTH = 20;
    static final int FINGERPRINT = 0x8028;
    static final int FINGERPRINT_LENGTH = 4;

    private StunWire() {
    }

    /** Attribute values are padded to a multiple of 4 bytes (§14). */
    static int padded(int length) {
        return (length + 3) & ~3;
    }

    /** §14: types 0x0000-0x7FFF are comprehension-required, 0x8000-0xFFFF optional. */
    static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }

    /** UTF-8 text for encoding; rejects text longer than the attribute allows. */
    static byte[] utf8(String text, int maxBytes, String attribute) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException(attribute + " of " + bytes.length
                    + " UTF-8 bytes exceeds " + maxBytes);
        }
        return bytes;
    }

    /**
     * UTF-8 text from the wire. Malformed UTF-8 is rejected rather than replaced, so the text
     * re-encodes to exactly the bytes received and stays within the attribute's limit.
     */
    static String utf8(byte[] bytes, int offset, int maxBytes, String attribute)
            throws StunParseException {
        int length = bytes.length - offset;
        if (length > maxBytes) {
            throw new StunParseException(
                    attribute + " of " + length + " bytes exceeds " + maxBytes);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new StunParseException(attribute + " is not valid UTF-8");
        }
    }
}
