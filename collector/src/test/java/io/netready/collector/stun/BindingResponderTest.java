package io.netready.collector.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.common.stun.ChangeRequest;
import io.netready.common.stun.ErrorCode;
import io.netready.common.stun.MappedAddress;
import io.netready.common.stun.OtherAddress;
import io.netready.common.stun.Padding;
import io.netready.common.stun.RawAttribute;
import io.netready.common.stun.ResponseOrigin;
import io.netready.common.stun.ResponsePort;
import io.netready.common.stun.Software;
import io.netready.common.stun.StunAttribute;
import io.netready.common.stun.StunMessage;
import io.netready.common.stun.StunMessageType;
import io.netready.common.stun.TransactionId;
import io.netready.common.stun.UnknownAttributes;
import io.netready.common.stun.XorMappedAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 5780 §6.1 answers, worked out by hand from Table 1, without sockets. */
class BindingResponderTest {

    private static final InetAddress A = address("203.0.113.100");
    private static final InetAddress B = address("203.0.113.101");
    private static final int P = 3478;
    private static final int P2 = 3479;
    private static final StunSocket AP = new StunSocket(false, false);
    private static final StunSocket AP2 = new StunSocket(false, true);
    private static final StunSocket BP = new StunSocket(true, false);
    private static final StunSocket BP2 = new StunSocket(true, true);

    private final BindingResponder twoAddresses = new BindingResponder(new StunAddresses(A, Optional.of(B), P, P2));
    private final BindingResponder oneAddress = new BindingResponder(new StunAddresses(A, Optional.empty(), P, P2));
    private final InetSocketAddress source = new InetSocketAddress("192.0.2.10", 40123);
    /** Credit asked for, in bytes, by the last answers. */
    private final List<Integer> creditAsked = new ArrayList<>();

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private BindingResponder.Outcome outcome(BindingResponder responder, byte[] request, StunSocket arrivedOn) {
        return responder.respond(ByteBuffer.wrap(request), source, arrivedOn, bytes -> creditAsked.add(bytes));
    }

    private BindingResponder.Answer answer(BindingResponder responder, byte[] request, StunSocket arrivedOn) {
        return assertInstanceOf(BindingResponder.Answer.class, outcome(responder, request, arrivedOn));
    }

    private static StunMessage decode(BindingResponder.Answer a) throws Exception {
        return StunMessage.decode(ByteBuffer.wrap(a.bytes()));
    }

    private static byte[] request(StunAttribute... attributes) {
        StunMessage.Builder b = StunMessage.builder(StunMessageType.BINDING_REQUEST, TransactionId.random());
        for (StunAttribute a : attributes) {
            b.add(a);
        }
        return b.encode();
    }

    @Test
    void bareRequestGetsTheMandatoryRfc5780AnswerPaidByCredit() throws Exception {
        byte[] request = request();
        assertEquals(20, request.length);
        BindingResponder.Answer a = answer(twoAddresses, request, AP);
        StunMessage m = decode(a);
        assertEquals(StunMessageType.BINDING_SUCCESS_RESPONSE, m.type());
        assertEquals(AP, a.from());
        assertEquals(source, a.to());
        assertEquals(source, m.attribute(XorMappedAddress.class).orElseThrow().address());
        assertEquals(new InetSocketAddress(A, P), m.attribute(ResponseOrigin.class).orElseThrow().address());
        assertEquals(new InetSocketAddress(B, P2), m.attribute(OtherAddress.class).orElseThrow().address());
        // Header + three 12-byte IPv4 address attributes; nothing optional fits in 20 bytes.
        assertEquals(56, a.bytes().length);
        assertFalse(m.attribute(MappedAddress.class).isPresent());
        assertEquals(List.of(36), creditAsked);
    }

    @Test
    void changeRequestPicksTheSocketOfTable1AndOtherAddressIsAlwaysCaCp() throws Exception {
        record Case(StunSocket arrivedOn, boolean changeIp, boolean changePort, InetSocketAddress from,
                    InetSocketAddress other) {
        }
        List<Case> cases = List.of(
                new Case(AP, false, false, new InetSocketAddress(A, P), new InetSocketAddress(B, P2)),
                new Case(AP, true, false, new InetSocketAddress(B, P), new InetSocketAddress(B, P2)),
                new Case(AP, false, true, new InetSocketAddress(A, P2), new InetSocketAddress(B, P2)),
                new Case(AP, true, true, new InetSocketAddress(B, P2), new InetSocketAddress(B, P2)),
                new Case(BP, false, false, new InetSocketAddress(B, P), new InetSocketAddress(A, P2)),
                new Case(BP, true, true, new InetSocketAddress(A, P2), new InetSocketAddress(A, P2)),
                new Case(AP2, false, true, new InetSocketAddress(A, P), new InetSocketAddress(B, P)),
                new Case(BP2, true, false, new InetSocketAddress(A, P2), new InetSocketAddress(A, P)));
        StunAddresses addresses = new StunAddresses(A, Optional.of(B), P, P2);
        for (Case c : cases) {
            BindingResponder.Answer a = answer(twoAddresses, request(new ChangeRequest(c.changeIp, c.changePort)),
                    c.arrivedOn);
            StunMessage m = decode(a);
            assertEquals(c.from, addresses.address(a.from()).orElseThrow(), c.toString());
            assertEquals(c.from, m.attribute(ResponseOrigin.class).orElseThrow().address(), c.toString());
            assertEquals(c.other, m.attribute(OtherAddress.class).orElseThrow().address(), c.toString());
            assertEquals(source, a.to());
        }
    }

    @Test
    void responsePortSendsToTheSourceIpAtThatPortAlsoWithAChange() throws Exception {
        BindingResponder.Answer a = answer(twoAddresses, request(new ResponsePort(50000),
                new ChangeRequest(false, true)), AP);
        assertEquals(new InetSocketAddress(source.getAddress(), 50000), a.to());
        assertEquals(AP2, a.from());
        // The mapped address is still the request's source, not where the answer goes.
        assertEquals(source, decode(a).attribute(XorMappedAddress.class).orElseThrow().address());
    }

    @Test
    void requestAsLargeAsTheAnswerGetsEverythingWithoutCredit() throws Exception {
        byte[] request = StunMessage.builder(StunMessageType.BINDING_REQUEST, TransactionId.random())
                .add(new Software("x".repeat(80))).fingerprint().encode();
        BindingResponder.Answer a = answer(twoAddresses, request, AP);
        StunMessage m = decode(a);
        assertTrue(a.bytes().length <= request.length, a.bytes().length + " > " + request.length);
        assertEquals(source, m.attribute(MappedAddress.class).orElseThrow().address());
        assertTrue(m.hasFingerprint());
        assertEquals(BindingResponder.SOFTWARE, m.attribute(Software.class).orElseThrow().description());
        assertEquals(List.of(), creditAsked);
    }

    @Test
    void paddingMakesTheAnswerAsLongAsTheRequest() throws Exception {
        byte[] request = StunMessage.builder(StunMessageType.BINDING_REQUEST, TransactionId.random())
                .add(new Padding(1400)).fingerprint().encode();
        BindingResponder.Answer a = answer(twoAddresses, request, AP);
        assertEquals(request.length, a.bytes().length);
        StunMessage m = decode(a);
        assertTrue(m.attribute(Padding.class).isPresent());
        assertTrue(m.hasFingerprint());
        assertEquals(List.of(), creditAsked);
    }

    @Test
    void paddingWithResponsePortIs400() throws Exception {
        StunMessage m = decode(answer(twoAddresses, request(new Padding(100), new ResponsePort(50000)), AP));
        assertEquals(StunMessageType.BINDING_ERROR_RESPONSE, m.type());
        assertEquals(400, m.attribute(ErrorCode.class).orElseThrow().code());
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420NamingIt() throws Exception {
        byte[] request = request(new RawAttribute(0x7ff0, new byte[4]), new Software("x".repeat(40)));
        BindingResponder.Answer a = answer(twoAddresses, request, AP);
        StunMessage m = decode(a);
        assertEquals(StunMessageType.BINDING_ERROR_RESPONSE, m.type());
        assertEquals(420, m.attribute(ErrorCode.class).orElseThrow().code());
        assertEquals(List.of(0x7ff0), m.attribute(UnknownAttributes.class).orElseThrow().types());
        assertEquals(source, a.to());
    }

    @Test
    void oneAddressRefusesAnIpChangeButServesPortChanges() throws Exception {
        StunMessage refused = decode(answer(oneAddress, request(new ChangeRequest(true, false)), AP));
        assertEquals(420, refused.attribute(ErrorCode.class).orElseThrow().code());
        assertEquals(List.of(0x0003), refused.attribute(UnknownAttributes.class).orElseThrow().types());

        BindingResponder.Answer portChange = answer(oneAddress, request(new ChangeRequest(false, true)), AP);
        StunMessage m = decode(portChange);
        assertEquals(AP2, portChange.from());
        assertEquals(new InetSocketAddress(A, P2), m.attribute(ResponseOrigin.class).orElseThrow().address());
        // RFC 5780 §7.4: no OTHER-ADDRESS without a second IP address.
        assertFalse(m.attribute(OtherAddress.class).isPresent());

        BindingResponder.Answer responsePort = answer(oneAddress, request(new ResponsePort(50000)), AP);
        assertEquals(new InetSocketAddress(source.getAddress(), 50000), responsePort.to());
        assertEquals(2, new StunAddresses(A, Optional.empty(), P, P2).untestable().size());
    }

    @Test
    void wildcardAddressAnswersWithoutResponseOrigin() throws Exception {
        BindingResponder wildcard = new BindingResponder(
                new StunAddresses(address("0.0.0.0"), Optional.empty(), P, P2));
        StunMessage m = decode(answer(wildcard, request(new ChangeRequest(false, true)), AP));
        assertFalse(m.attribute(ResponseOrigin.class).isPresent());
        assertEquals(source, m.attribute(XorMappedAddress.class).orElseThrow().address());
    }

    @Test
    void refusedCreditDropsTheAnswer() {
        var outcome = twoAddresses.respond(ByteBuffer.wrap(request()), source, AP, bytes -> false);
        assertEquals(StunDrop.CREDIT_EXHAUSTED, assertInstanceOf(BindingResponder.Drop.class, outcome).reason());
    }

    @Test
    void malformedNonRequestsAndBadValuesAreToldApart() throws Exception {
        var truncated = outcome(twoAddresses, new byte[] {0, 1, 0, 0}, AP);
        assertEquals(StunDrop.MALFORMED, assertInstanceOf(BindingResponder.Drop.class, truncated).reason());

        byte[] response = StunMessage.builder(StunMessageType.BINDING_SUCCESS_RESPONSE, TransactionId.random())
                .add(new XorMappedAddress(source)).encode();
        var notRequest = outcome(twoAddresses, response, AP);
        assertEquals(StunDrop.NOT_BINDING_REQUEST, assertInstanceOf(BindingResponder.Drop.class, notRequest).reason());

        // A CHANGE-REQUEST of 8 bytes: well framed, bad value: 400 (RFC 8489 §6.3.1.1).
        StunMessage m = decode(answer(twoAddresses, request(new RawAttribute(0x0003, new byte[8])), AP));
        assertEquals(400, m.attribute(ErrorCode.class).orElseThrow().code());
    }
}
