package io.netready.common.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StunMessageCodecTest {

    @Test
    void messageTypesInterleaveMethodAndClassBits() {
        assertEquals(0x0001, StunMessageType.BINDING_REQUEST.wireValue());
        assertEquals(0x0101, StunMessageType.BINDING_SUCCESS_RESPONSE.wireValue());
        assertEquals(0x0111, StunMessageType.BINDING_ERROR_RESPONSE.wireValue());
        assertEquals(0x0011, new StunMessageType(StunMessageType.BINDING, StunClass.INDICATION)
                .wireValue());
        assertEquals(0x3EEF, new StunMessageType(0xFFF, StunClass.REQUEST).wireValue());
        for (int value = 0; value < 0x4000; value++) {
            assertEquals(value, StunMessageType.fromWire(value).wireValue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.7", "::1", "2001:db8::ff00:42:8329"})
    void addressesRoundTrip(String literal) throws Exception {
        InetSocketAddress xor = new InetSocketAddress(InetAddress.getByName(literal), 61000);
        InetSocketAddress plain = new InetSocketAddress(InetAddress.getByName(literal), 1);
        TransactionId id = TransactionId.random();

        byte[] bytes = StunMessage.builder(StunMessageType.BINDING_SUCCESS_RESPONSE, id)
                .add(new XorMappedAddress(xor))
                .add(new MappedAddress(plain))
                .encode();
        StunMessage decoded = decode(bytes);

        assertEquals(id, decoded.transactionId());
        assertEquals(List.of(new XorMappedAddress(xor), new MappedAddress(plain)),
                decoded.attributes());
        assertEquals(Optional.of(xor), decoded.mappedAddress());
    }

    @Test
    void mappedAddressIsTheFallbackAndIsWrittenInTheClear() throws Exception {
        InetSocketAddress address =
                new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        byte[] bytes = StunMessage.builder(StunMessageType.BINDING_SUCCESS_RESPONSE,
                        TransactionId.random())
                .add(new MappedAddress(address))
                .encode();

        assertArrayEquals(Rfc5769Vectors.hex("00010008 00018055 c0000201"),
                Arrays.copyOfRange(bytes, 20, bytes.length));
        assertEquals(Optional.of(address), decode(bytes).mappedAddress());
    }

    @Test
    void unknownAttributeErrorResponse() throws StunParseException {
        TransactionId id = TransactionId.random();
        StunMessage request = decode(StunMessage.builder(StunMessageType.BINDING_REQUEST, id)
                .add(new RawAttribute(0x7FFF, new byte[] {1}))
                .add(new RawAttribute(0xC001, new byte[0])) // optional: not reported
                .add(new RawAttribute(0x0024, new byte[4]))
                .add(new RawAttribute(0x7FFF, new byte[] {2})) // repeated: reported once
                .fingerprint()
                .encode());
        assertEquals(List.of(0x7FFF, 0x0024), request.unknownComprehensionRequired());

        byte[] bytes = StunMessage.builder(StunMessageType.BINDING_ERROR_RESPONSE, id)
                .add(ErrorCode.UNKNOWN_ATTRIBUTE)
                .add(new UnknownAttributes(request.unknownComprehensionRequired()))
                .fingerprint()
                .encode();

        // §14.8: reserved bits, class 4, number 20, "Unknown Attribute", zero padding;
        // §14.9: the two types.
        assertArrayEquals(Rfc5769Vectors.hex("0111002c 2112a442"), Arrays.copyOf(bytes, 8));
        assertArrayEquals(Rfc5769Vectors.hex(
                        "00090015 00000414 556e6b6e 6f776e20 41747472 69627574 65000000"
                        + " 000a0004 7fff0024"),
                Arrays.copyOfRange(bytes, 20, bytes.length - 8));
        StunMessage response = decode(bytes);
        assertEquals(StunMessageType.BINDING_ERROR_RESPONSE, response.type());
        assertEquals(List.of(ErrorCode.UNKNOWN_ATTRIBUTE,
                        new UnknownAttributes(List.of(0x7FFF, 0x0024))),
                response.attributes());
        assertTrue(response.hasFingerprint());
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 400, 438, 699})
    void errorCodesRoundTrip(int code) throws StunParseException {
        ErrorCode error = new ErrorCode(code, "reason \u00e9");
        byte[] bytes = StunMessage.builder(StunMessageType.BINDING_ERROR_RESPONSE,
                TransactionId.random()).add(error).encode();

        assertEquals(Optional.of(error), decode(bytes).attribute(ErrorCode.class));
    }

    @Test
    void paddingIsZero() {
        byte[] bytes = StunMessage.builder(StunMessageType.BINDING_REQUEST, TransactionId.random())
                .add(new Software("abc"))
                .encode();

        assertArrayEquals(Rfc5769Vectors.hex("80220003 61626300"),
                Arrays.copyOfRange(bytes, 20, bytes.length));
        assertEquals(8, ByteBuffer.wrap(bytes).getShort(2));
    }

    @Test
    void attributesAfterMessageIntegrityAreIgnored() throws StunParseException {
        byte[] key = StunMessage.shortTermKey("secret");
        byte[] signed = StunMessage.builder(StunMessageType.BINDING_REQUEST, TransactionId.random())
                .add(new Software("before"))
                .messageIntegrity(key)
                .encode();
        byte[] bytes = Arrays.copyOf(signed, signed.length + 8);
        ByteBuffer.wrap(bytes)
                .putShort(2, (short) (bytes.length - 20))
                .putInt(signed.length, 0x00240004); // PRIORITY after MESSAGE-INTEGRITY

        StunMessage message = decode(bytes);

        assertEquals(List.of(new Software("before")), message.attributes());
        assertEquals(List.of(), message.unknownComprehensionRequired());
        assertTrue(message.verifyMessageIntegrity(key));
    }

    @Test
    void messageWithoutIntegrityDoesNotVerify() throws StunParseException {
        StunMessage message = decode(StunMessage.builder(StunMessageType.BINDING_REQUEST,
                TransactionId.random()).encode());

        assertFalse(message.hasMessageIntegrity());
        assertFalse(message.verifyMessageIntegrity(new byte[] {1}));
    }

    @Test
    void decodeReadsBetweenPositionAndLimitAndLeavesThemAlone() throws StunParseException {
        TransactionId id = TransactionId.random();
        byte[] message = StunMessage.builder(StunMessageType.BINDING_REQUEST, id).encode();
        ByteBuffer buffer = ByteBuffer.allocate(message.length + 10);
        buffer.position(3);
        buffer.put(message).flip().position(3);

        assertEquals(id, StunMessage.decode(buffer).transactionId());
        assertEquals(3, buffer.position());
        assertEquals(3 + message.length, buffer.limit());
    }

    @Test
    void builderRefusesMessagesBeyondTheLengthField() {
        StunMessage.Builder builder =
                StunMessage.builder(StunMessageType.BINDING_REQUEST, TransactionId.random());
        for (int i = 0; i < 66; i++) {
            builder.add(new RawAttribute(0x8000, new byte[1000]));
        }
        assertThrows(IllegalStateException.class, builder::encode);
    }

    @Test
    void transactionIdsAreRandomValues() {
        TransactionId id = TransactionId.random();

        assertNotEquals(id, TransactionId.random());
        assertEquals(id, TransactionId.of(id.bytes()));
        assertEquals(24, id.toString().length());
        assertThrows(IllegalArgumentException.class, () -> TransactionId.of(new byte[16]));
    }

    private static StunMessage decode(byte[] bytes) throws StunParseException {
        return StunMessage.decode(ByteBuffer.wrap(bytes));
    }
}
