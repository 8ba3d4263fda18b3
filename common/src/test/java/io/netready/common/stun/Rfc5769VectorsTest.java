package io.netready.common.stun;

import static io.netready.common.stun.Rfc5769Vectors.IPV4_RESPONSE;
import static io.netready.common.stun.Rfc5769Vectors.IPV6_RESPONSE;
import static io.netready.common.stun.Rfc5769Vectors.PASSWORD;
import static io.netready.common.stun.Rfc5769Vectors.REQUEST;
import static io.netready.common.stun.Rfc5769Vectors.TRANSACTION_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc5769VectorsTest {
    private static final byte[] KEY = StunMessage.shortTermKey(PASSWORD);
    private static final InetSocketAddress IPV4_MAPPED = address("192.0.2.1", 32853);
    private static final InetSocketAddress IPV6_MAPPED =
            address("2001:db8:1234:5678:11:2233:4455:6677", 32853);

    @Test
    void sampleRequestDecodes() throws StunParseException {
        StunMessage request = decode(REQUEST);

        assertEquals(StunMessageType.BINDING_REQUEST, request.type());
        assertEquals(TransactionId.of(TRANSACTION_ID), request.transactionId());
        assertEquals(Optional.of(new Software("STUN test client")),
                request.attribute(Software.class));
        assertEquals(Optional.of(new Username("evtj:h6vY")), request.attribute(Username.class));
        assertTrue(request.hasFingerprint());
        assertTrue(request.verifyMessageIntegrity(KEY));
        assertFalse(request.verifyMessageIntegrity(StunMessage.shortTermKey("wrong")));
    }

    @Test
    void sampleRequestKeepsIceAttributesAndReportsPriorityAsUnknown() throws StunParseException {
        StunMessage request = decode(REQUEST);

        assertEquals(List.of(Software.TYPE, 0x0024, 0x8029, Username.TYPE),
                request.attributes().stream().map(StunAttribute::type).toList());
        assertEquals(new RawAttribute(0x0024, Rfc5769Vectors.hex("6e0001ff")),
                request.attributes().get(1));
        // PRIORITY is comprehension-required, ICE-CONTROLLED (0x8029) optional (§14).
        assertEquals(List.of(0x0024), request.unknownComprehensionRequired());
    }

    @Test
    void flippedByteFailsFingerprint() {
        byte[] corrupted = REQUEST.clone();
        corrupted[24] ^= 0x01; // first byte of SOFTWARE's value
        StunParseException e = assertThrows(StunParseException.class, () -> decode(corrupted));
        assertTrue(e.getMessage().startsWith("FINGERPRINT"), e.getMessage());
    }

    @Test
    void messageIntegrityLengthRuleIgnoresTheFollowingFingerprint() throws StunParseException {
        // §14.5: the HMAC was computed with the length counting up to MESSAGE-INTEGRITY only,
        // so it still verifies once FINGERPRINT is gone.
        byte[] withoutFingerprint = Arrays.copyOf(REQUEST, REQUEST.length - 8);
        ByteBuffer.wrap(withoutFingerprint).putShort(2, (short) (withoutFingerprint.length - 20));

        StunMessage request = decode(withoutFingerprint);

        assertFalse(request.hasFingerprint());
        assertTrue(request.verifyMessageIntegrity(KEY));
    }

    @Test
    void ipv4ResponseDecodes() throws StunParseException {
        StunMessage response = decode(IPV4_RESPONSE);

        assertEquals(StunMessageType.BINDING_SUCCESS_RESPONSE, response.type());
        assertEquals(Optional.of(IPV4_MAPPED), response.mappedAddress());
        assertEquals(Optional.of(new Software("test vector")), response.attribute(Software.class));
        assertTrue(response.hasFingerprint());
        assertTrue(response.verifyMessageIntegrity(KEY));
        assertEquals(List.of(), response.unknownComprehensionRequired());
    }

    @Test
    void ipv6ResponseDecodes() throws StunParseException {
        StunMessage response = decode(IPV6_RESPONSE);

        assertEquals(Optional.of(IPV6_MAPPED), response.mappedAddress());
        assertTrue(response.hasFingerprint());
        assertTrue(response.verifyMessageIntegrity(KEY));
    }

    /**
     * Encodes the §2.2 and §2.3 responses. RFC 5769 pads SOFTWARE "test vector" with a 0x20
     * byte; we pad with zero, and RFC 8489 §14 says padding is ignored on receipt. MESSAGE-
     * INTEGRITY and FINGERPRINT cover that padding byte, so their values must differ from the
     * vector's: every other byte is compared exactly (the vector's padding set to zero), and the
     * two checksums are verified over our own encoding. The vectors' own checksums are verified
     * by the decoding tests above, which pins the HMAC and CRC computations to the RFC.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void encodedResponseMatchesVectorExceptChecksumsOverPadding(boolean ipv6)
            throws StunParseException {
        byte[] vector = ipv6 ? IPV6_RESPONSE : IPV4_RESPONSE;

        byte[] ours = StunMessage.builder(StunMessageType.BINDING_SUCCESS_RESPONSE,
                        TransactionId.of(TRANSACTION_ID))
                .add(new Software("test vector"))
                .add(new XorMappedAddress(ipv6 ? IPV6_MAPPED : IPV4_MAPPED))
                .messageIntegrity(KEY)
                .fingerprint()
                .encode();

        assertArrayEquals(withoutChecksumValues(zeroPadding(vector)), withoutChecksumValues(ours));
        StunMessage decoded = decode(ours);
        assertTrue(decoded.hasFingerprint());
        assertTrue(decoded.verifyMessageIntegrity(KEY));
    }

    /** A copy with each attribute's padding set to zero. */
    private static byte[] zeroPadding(byte[] message) {
        byte[] copy = message.clone();
        ByteBuffer buffer = ByteBuffer.wrap(copy);
        for (int start = 20; start < copy.length; ) {
            int valueEnd = start + 4 + Short.toUnsignedInt(buffer.getShort(start + 2));
            start = start + 4 + StunWire.padded(valueEnd - start - 4);
            Arrays.fill(copy, valueEnd, start, (byte) 0);
        }
        return copy;
    }

    /** A copy with the MESSAGE-INTEGRITY and FINGERPRINT values (the last 32 bytes) cleared. */
    private static byte[] withoutChecksumValues(byte[] message) {
        byte[] copy = message.clone();
        int fingerprintValue = copy.length - 4;
        int integrityValue = fingerprintValue - 4 - 20;
        Arrays.fill(copy, integrityValue, integrityValue + 20, (byte) 0);
        Arrays.fill(copy, fingerprintValue, copy.length, (byte) 0);
        return copy;
    }

    private static StunMessage decode(byte[] bytes) throws StunParseException {
        return StunMessage.decode(ByteBuffer.wrap(bytes));
    }

    private static InetSocketAddress address(String literal, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(literal), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
