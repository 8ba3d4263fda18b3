package io.netready.common.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every malformed datagram is rejected with StunParseException and a precise reason. */
class MalformedStunMessageTest {
    private static final byte[] REQUEST = Rfc5769Vectors.REQUEST;

    @Test
    void emptyDatagram() {
        assertRejected(new byte[0], "datagram of 0 bytes is shorter than the 20-byte STUN header");
    }

    @Test
    void truncatedHeader() {
        assertRejected(Arrays.copyOf(REQUEST, 19), "datagram of 19 bytes is shorter");
    }

    @Test
    void leadingBitsNotZero() {
        byte[] bytes = REQUEST.clone();
        bytes[0] |= (byte) 0x80;
        assertRejected(bytes, "first two bits of message type 0x8001 are not zero");
    }

    @Test
    void lengthNotMultipleOfFour() {
        assertRejected(withLength(REQUEST, 0x57), "length 87 is not a multiple of 4");
    }

    @Test
    void badMagicCookie() {
        byte[] bytes = REQUEST.clone();
        bytes[7] = 0x43;
        assertRejected(bytes, "magic cookie 0x2112a443 is not 0x2112a442");
    }

    @Test
    void lengthLargerThanDatagram() {
        assertRejected(withLength(REQUEST, 0x5C),
                "length 92 does not match the 88 bytes after the 20-byte header");
    }

    @Test
    void lengthSmallerThanDatagram() {
        assertRejected(withLength(REQUEST, 0x54),
                "length 84 does not match the 88 bytes after the 20-byte header");
    }

    @Test
    void datagramTruncatedAfterHeader() {
        assertRejected(Arrays.copyOf(REQUEST, 24),
                "length 88 does not match the 4 bytes after the 20-byte header");
    }

    @Test
    void attributeRunsPastTheEnd() {
        byte[] bytes = header(8, "80220008 74657374"); // SOFTWARE claims 8 bytes, 4 present
        assertRejected(bytes, "attribute 0x8022 at offset 20 has length 8 but only 4 bytes remain");
    }

    @Test
    void badFingerprint() {
        byte[] bytes = REQUEST.clone();
        bytes[bytes.length - 1] ^= 0x01;
        assertRejected(bytes, "FINGERPRINT 0xe57a3bce does not match 0xe57a3bcf computed");
    }

    @Test
    void fingerprintNotLast() {
        byte[] bytes = Arrays.copyOf(REQUEST, REQUEST.length + 4);
        ByteBuffer.wrap(bytes).putInt(REQUEST.length, 0x80000000); // empty optional attribute
        assertRejected(withLength(bytes, bytes.length - 20),
                "FINGERPRINT at offset 100 is not the last attribute");
    }

    @Test
    void checksumAttributesOfWrongLength() {
        assertRejected(header(4, "80280000"), "FINGERPRINT has length 0, expected 4");
        assertRejected(header(8, "00080004 00000000"),
                "MESSAGE-INTEGRITY has length 4, expected 20");
    }

    @Test
    void badAttributeValueKeepsTheHeaderForA400() {
        StunParseException e = assertRejected(header(12, "00200008 0003a147 e112a643"),
                "attribute 0x0020 at offset 20: address family 0x03 is neither IPv4 (0x01)"
                        + " nor IPv6 (0x02)");
        assertEquals(Optional.of(StunMessageType.BINDING_REQUEST), e.messageType());
        assertEquals(Optional.of(TransactionId.of(Rfc5769Vectors.TRANSACTION_ID)),
                e.transactionId());
    }

    @Test
    void framingFailureHasNoHeader() {
        StunParseException e = assertRejected(withLength(REQUEST, 0x5C), "length 92");
        assertFalse(e.transactionId().isPresent());
        assertFalse(e.messageType().isPresent());
    }

    @Test
    void badAttributeValues() {
        assertRejected(header(8, "00010004 00010001"),
                "attribute 0x0001 at offset 20: IPv4 address value has 4 bytes, expected 8");
        assertRejected(header(4, "00010000"),
                "attribute 0x0001 at offset 20: address value of 0 bytes is too short");
        assertRejected(header(8, "00090004 00000764"),
                "attribute 0x0009 at offset 20: ERROR-CODE class 7 number 100 is not a code");
        assertRejected(header(4, "00090000"),
                "attribute 0x0009 at offset 20: ERROR-CODE value of 0 bytes is too short");
        assertRejected(header(8, "000a0003 00010000"),
                "attribute 0x000a at offset 20: UNKNOWN-ATTRIBUTES value of 3 bytes");
        assertRejected(header(8, "80220002 c3280000"),
                "attribute 0x8022 at offset 20: SOFTWARE is not valid UTF-8");
    }

    /**
     * Random inputs in three shapes: raw random bytes up to 64 KiB (mostly fail the header
     * checks), a valid header over random attribute TLVs of known and unknown types (exercise
     * the attribute walk and the value decoders), and the RFC 5769 vectors with random bytes
     * changed or cut. Each input either decodes or throws StunParseException.
     */
    @Test
    void randomInputNeverEscapesAsAnotherException() {
        Random random = new Random(5769);
        int decoded = 0;
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[i == 0 ? 65536 : random.nextInt(65536)];
            random.nextBytes(bytes);
            decoded += decodes(bytes) ? 1 : 0;
        }
        int[] types = {0x0001, 0x0020, 0x0006, 0x0009, 0x000A, 0x8022, 0x0008, 0x8028, 0x0024};
        for (int i = 0; i < 50_000; i++) {
            ByteBuffer body = ByteBuffer.allocate(1024);
            for (int n = random.nextInt(6); n > 0; n--) {
                int length = random.nextInt(25);
                byte[] value = new byte[length];
                random.nextBytes(value);
                if (length > 1) {
                    value[1] = (byte) (1 + random.nextInt(3)); // address family, mostly valid
                }
                int declared = random.nextInt(10) == 0 ? random.nextInt(0x10000) : length;
                body.putShort((short) types[random.nextInt(types.length)])
                        .putShort((short) declared).put(value);
                body.position(StunWire.padded(body.position()));
            }
            byte[] bytes = ByteBuffer.allocate(20 + body.position())
                    .put(header(body.position(), ""))
                    .put(body.array(), 0, body.position())
                    .array();
            decoded += decodes(bytes) ? 1 : 0;
        }
        byte[][] vectors = {REQUEST, Rfc5769Vectors.IPV4_RESPONSE, Rfc5769Vectors.IPV6_RESPONSE};
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = vectors[random.nextInt(vectors.length)].clone();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            decoded += decodes(Arrays.copyOf(bytes, random.nextInt(bytes.length + 1))) ? 1 : 0;
        }
        assertTrue(decoded > 1000, "the random TLVs should often be well-formed: " + decoded);
    }

    /** Whether the bytes decode; fails the test on any exception but StunParseException. */
    private static boolean decodes(byte[] bytes) {
        try {
            StunMessage.decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (StunParseException expected) {
            return false;
        } catch (RuntimeException e) {
            return fail("unchecked exception for " + HexFormat.of().formatHex(bytes), e);
        }
    }

    /** A Binding request header with the RFC 5769 transaction id, followed by this body. */
    private static byte[] header(int length, String body) {
        return Rfc5769Vectors.hex(String.format("0001%04x 2112a442 b7e7a701 bc34d686 fa87dfae",
                length) + body.replace(" ", ""));
    }

    private static byte[] withLength(byte[] message, int length) {
        byte[] copy = message.clone();
        ByteBuffer.wrap(copy).putShort(2, (short) length);
        return copy;
    }

    private static StunParseException assertRejected(byte[] bytes, String reasonPrefix) {
        StunParseException e = assertThrows(StunParseException.class,
                () -> StunMessage.decode(ByteBuffer.wrap(bytes)));
        assertTrue(e.getMessage().startsWith(reasonPrefix),
                () -> "expected '" + reasonPrefix + "...' but was '" + e.getMessage() + "'");
        return e;
    }
}
