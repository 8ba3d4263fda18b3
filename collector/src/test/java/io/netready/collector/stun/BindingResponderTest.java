package io.netready.collector.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.common.stun.ChangeRequest;
import io.netready.common.stun.ErrorCode;
import io.netready.common.stun.MappedAddress;
import io.netready.common.stun.RawAttribute;
import io.netready.common.stun.ResponsePort;
import io.netready.common.stun.Software;
import io.netready.common.stun.StunMessage;
import io.netready.common.stun.StunMessageType;
import io.netready.common.stun.TransactionId;
import io.netready.common.stun.UnknownAttributes;
import io.netready.common.stun.XorMappedAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class BindingResponderTest {

    private final BindingResponder responder = new BindingResponder();
    private final InetSocketAddress source = new InetSocketAddress("192.0.2.10", 40123);

    private StunMessage answer(byte[] request) throws Exception {
        byte[] response = responder.respond(ByteBuffer.wrap(request), source).response().orElseThrow();
        return StunMessage.decode(ByteBuffer.wrap(response));
    }

    @Test
    void smallestRequestGetsOnlyTheXorMappedAddress() throws Exception {
        TransactionId id = TransactionId.random();
        byte[] request = StunMessage.builder(StunMessageType.BINDING_REQUEST, id).encode();
        assertEquals(20, request.length);
        byte[] response = responder.respond(ByteBuffer.wrap(request), source).response().orElseThrow();
        // Header + XOR-MAPPED-ADDRESS (IPv4): the least a useful answer can be.
        assertEquals(32, response.length);
        StunMessage m = StunMessage.decode(ByteBuffer.wrap(response));
        assertEquals(StunMessageType.BINDING_SUCCESS_RESPONSE, m.type());
        assertEquals(id, m.transactionId());
        assertEquals(source, m.attribute(XorMappedAddress.class).orElseThrow().address());
        assertFalse(m.attribute(MappedAddress.class).isPresent());
    }

    @Test
    void largerRequestGetsMappedAddressAndFingerprintWithoutAmplification() throws Exception {
        byte[] request = StunMessage.builder(StunMessageType.BINDING_REQUEST, TransactionId.random())
                .add(new Software("netready test client, long enough to pay for the answer"))
                .fingerprint().encode();
        byte[] response = responder.respond(ByteBuffer.wrap(request), source).response().orElseThrow();
        assertTrue(response.length <= request.length, response.length + " > " + request.length);
        StunMessage m = StunMessage.decode(ByteBuffer.wrap(response));
        assertEquals(source, m.attribute(MappedAddress.class).orElseThrow().address());
        assertTrue(m.hasFingerprint());
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420() throws Exception {
        byte[] request = StunMessage.builder(StunMessageType.BINDING_REQUEST, TransactionId.random())
                .add(new RawAttribute(0x7ff0, new byte[4]))
                .add(new Software("x".repeat(40)))
                .encode();
        StunMessage m = answer(request);
        assertEquals(StunMessageType.BINDING_ERROR_RESPONSE, m.type());
        assertEquals(420, m.attribute(ErrorCode.class).orElseThrow().code());
        assertEquals(List.of(0x7ff0), m.attribute(UnknownAttributes.class).orElseThrow().types());
    }

    @Test
    void rfc5780RequestsItCannotServeGet420InsteadOfAMisleadingAnswer() throws Exception {
        byte[] changeIp = StunMessage.builder(StunMessageType.BINDING_REQUEST, TransactionId.random())
                .add(new ChangeRequest(true, false)).add(new Software("x".repeat(40))).encode();
        StunMessage refused = answer(changeIp);
        assertEquals(420, refused.attribute(ErrorCode.class).orElseThrow().code());
        assertEquals(List.of(0x0003), refused.attribute(UnknownAttributes.class).orElseThrow().types());

        byte[] responsePort = StunMessage.builder(StunMessageType.BINDING_REQUEST, TransactionId.random())
                .add(new ResponsePort(40001)).add(new Software("x".repeat(40))).encode();
        assertEquals(List.of(0x0027), answer(responsePort).attribute(UnknownAttributes.class).orElseThrow().types());

        // A CHANGE-REQUEST that asks for no change is an ordinary Binding request.
        byte[] noChange = StunMessage.builder(StunMessageType.BINDING_REQUEST, TransactionId.random())
                .add(new ChangeRequest(false, false)).encode();
        assertEquals(StunMessageType.BINDING_SUCCESS_RESPONSE, answer(noChange).type());
    }

    @Test
    void malformedAndNonRequestsAreDroppedWithAReason() {
        var truncated = responder.respond(ByteBuffer.wrap(new byte[] {0, 1, 0, 0}), source);
        assertTrue(truncated.response().isEmpty());
        assertTrue(truncated.dropReason().startsWith("malformed STUN"), truncated.dropReason());

        byte[] response = StunMessage.builder(StunMessageType.BINDING_SUCCESS_RESPONSE, TransactionId.random())
                .add(new XorMappedAddress(source)).encode();
        var notRequest = responder.respond(ByteBuffer.wrap(response), source);
        assertTrue(notRequest.response().isEmpty());
        assertTrue(notRequest.dropReason().startsWith("not a Binding request"), notRequest.dropReason());
    }
}
