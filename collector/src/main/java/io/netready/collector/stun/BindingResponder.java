package io.netready.collector.stun;

import io.netready.common.stun.ChangeRequest;
import io.netready.common.stun.ErrorCode;
import io.netready.common.stun.MappedAddress;
import io.netready.common.stun.OtherAddress;
import io.netready.common.stun.Padding;
import io.netready.common.stun.ResponseOrigin;
import io.netready.common.stun.ResponsePort;
import io.netready.common.stun.Software;
import io.netready.common.stun.StunAttribute;
import io.netready.common.stun.StunClass;
import io.netready.common.stun.StunMessage;
import io.netready.common.stun.StunMessageType;
import io.netready.common.stun.StunParseException;
import io.netready.common.stun.TransactionId;
import io.netready.common.stun.UnknownAttributes;
import io.netready.common.stun.XorMappedAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * What the RFC 5780 STUN server answers to one datagram, from which of its sockets and to where
 * (RFC 8489 §6.3, RFC 5780 §6.1), without any I/O.
 *
 * <p>No amplification (SPEC §4): an answer has a mandatory part (XOR-MAPPED-ADDRESS,
 * RESPONSE-ORIGIN, OTHER-ADDRESS; or ERROR-CODE and UNKNOWN-ATTRIBUTES) and optional attributes
 * (MAPPED-ADDRESS, FINGERPRINT, SOFTWARE, an error's reason phrase). The optional ones are added
 * only while the answer stays no larger than the request; a mandatory part larger than the
 * request is sent only if the source's byte credit pays for the difference.
 */
final class BindingResponder {

    static final String SOFTWARE = "netready-collector";
    /** RFC 8489 §14: an attribute's type and length before its value. */
    private static final int PADDING_HEADER_BYTES = 4;
    private static final int NO_PADDING = -1;

    /** What to do with one datagram. */
    sealed interface Outcome permits Answer, Drop {
    }

    /** Send {@code bytes} from socket {@code from} to {@code to}. */
    record Answer(byte[] bytes, StunSocket from, InetSocketAddress to) implements Outcome {
    }

    /** Send nothing; count it under {@code reason}. */
    record Drop(StunDrop reason, String detail) implements Outcome {
    }

    private final StunAddresses addresses;

    BindingResponder(StunAddresses addresses) {
        this.addresses = addresses;
    }

    /**
     * @param arrivedOn the socket the datagram arrived on
     * @param spendCredit asked for the bytes by which an answer exceeds its request; false refuses
     */
    Outcome respond(ByteBuffer datagram, InetSocketAddress source, StunSocket arrivedOn, IntPredicate spendCredit) {
        int requestSize = datagram.remaining();
        StunMessage request;
        try {
            request = StunMessage.decode(datagram);
        } catch (StunParseException e) {
            // Framing errors are dropped silently; bad attribute content in a request gets 400.
            if (e.messageType().filter(t -> t.messageClass() == StunClass.REQUEST).isPresent()) {
                return error(e.messageType().get(), e.transactionId().orElseThrow(), ErrorCode.BAD_REQUEST,
                        List.of(), source, arrivedOn, requestSize, spendCredit);
            }
            return new Drop(StunDrop.MALFORMED, e.getMessage());
        }
        if (!request.type().equals(StunMessageType.BINDING_REQUEST)) {
            // Indications and responses need no answer; other methods are not ours (§6.3).
            return new Drop(StunDrop.NOT_BINDING_REQUEST, request.type().toString());
        }
        List<Integer> unknown = unservable(request);
        if (!unknown.isEmpty()) {
            return error(request.type(), request.transactionId(), ErrorCode.UNKNOWN_ATTRIBUTE,
                    List.of(new UnknownAttributes(unknown)), source, arrivedOn, requestSize, spendCredit);
        }
        Optional<ResponsePort> responsePort = request.attribute(ResponsePort.class);
        boolean padding = request.attribute(Padding.class).isPresent();
        if (responsePort.isPresent() && padding) {
            // RFC 5780 §6.1 and §7.5: a padded answer must not be sent to another port.
            return error(request.type(), request.transactionId(), new ErrorCode(400, "PADDING with RESPONSE-PORT"),
                    List.of(), source, arrivedOn, requestSize, spendCredit);
        }
        StunSocket from = request.attribute(ChangeRequest.class).map(arrivedOn::changedBy).orElse(arrivedOn);
        // RFC 5780 §7.5: to the request's source IP, at RESPONSE-PORT if given.
        InetSocketAddress to = responsePort.map(p -> new InetSocketAddress(source.getAddress(), p.port()))
                .orElse(source);

        List<StunAttribute> mandatory = new ArrayList<>();
        mandatory.add(new XorMappedAddress(source));                               // RFC 8489 §14.2
        addresses.origin(from).ifPresent(o -> mandatory.add(new ResponseOrigin(o))); // RFC 5780 §7.3
        addresses.address(arrivedOn.other()).ifPresent(o -> mandatory.add(new OtherAddress(o))); // §7.4
        // RFC 5780 §6.1 asks for MAPPED-ADDRESS too; it repeats XOR-MAPPED-ADDRESS for RFC 3489
        // clients, so it is optional here, as are FINGERPRINT (§6.1: only needed when multiplexed)
        // and SOFTWARE (RFC 8489 §14.14).
        List<StunAttribute> optional = List.of(new MappedAddress(source), new Software(SOFTWARE));
        byte[] answer = fit(StunMessageType.BINDING_SUCCESS_RESPONSE, request.transactionId(), mandatory, optional,
                request.hasFingerprint(), padding, requestSize);
        return send(answer, from, to, requestSize, spendCredit);
    }

    /**
     * Comprehension-required attributes this server cannot honour: the ones it does not know, and
     * a CHANGE-REQUEST to change the IP address when it has only one. RFC 5780 §6: such a server
     * "MUST respond with a 420 (Unknown Attribute) to any Request with a CHANGE-REQUEST
     * attribute"; answering from the same address would look like endpoint-independent filtering.
     * A change of port only is still served (our deviation, see docs/collector.md): the server has
     * two ports, and RESPONSE-ORIGIN shows the client which one answered.
     */
    private List<Integer> unservable(StunMessage request) {
        List<Integer> types = new ArrayList<>(request.unknownComprehensionRequired());
        if (addresses.alternate().isEmpty()) {
            request.attribute(ChangeRequest.class).filter(ChangeRequest::changeIp).ifPresent(c -> types.add(c.type()));
        }
        return types;
    }

    private Outcome error(StunMessageType requestType, TransactionId id, ErrorCode code, List<StunAttribute> extra,
                          InetSocketAddress source, StunSocket arrivedOn, int requestSize, IntPredicate spendCredit) {
        StunMessageType type = new StunMessageType(requestType.method(), StunClass.ERROR_RESPONSE);
        List<StunAttribute> bare = new ArrayList<>(List.of(new ErrorCode(code.code(), "")));
        bare.addAll(extra);
        List<StunAttribute> full = new ArrayList<>(List.of(code));
        full.addAll(extra);
        byte[] withReason = encode(type, id, full, false, NO_PADDING);
        // The reason phrase is optional text: dropped rather than answer larger than asked.
        byte[] answer = withReason.length <= requestSize ? withReason : encode(type, id, bare, false, NO_PADDING);
        return send(answer, arrivedOn, source, requestSize, spendCredit);
    }

    private static Outcome send(byte[] answer, StunSocket from, InetSocketAddress to, int requestSize,
                                IntPredicate spendCredit) {
        int excess = answer.length - requestSize;
        if (excess > 0 && !spendCredit.test(excess)) {
            return new Drop(StunDrop.CREDIT_EXHAUSTED, "answer of " + answer.length + " bytes to a request of "
                    + requestSize);
        }
        return new Answer(answer, from, to);
    }

    /**
     * The mandatory attributes, then FINGERPRINT if the client sent one (it may be demultiplexing
     * STUN from other traffic, RFC 8489 §7.3) and each optional attribute, as far as the answer
     * stays within the request's size; with {@code pad}, a PADDING that brings it to the request's
     * size (RFC 5780 §7.6: the client chose the datagram size to test, so the answer matches it).
     */
    private static byte[] fit(StunMessageType type, TransactionId id, List<StunAttribute> mandatory,
                              List<StunAttribute> optional, boolean fingerprintWanted, boolean pad, int requestSize) {
        int limit = requestSize - (pad ? PADDING_HEADER_BYTES : 0);
        List<StunAttribute> attributes = new ArrayList<>(mandatory);
        boolean fingerprint = fingerprintWanted && encode(type, id, attributes, true, NO_PADDING).length <= limit;
        for (StunAttribute a : optional) {
            attributes.add(a);
            if (encode(type, id, attributes, fingerprint, NO_PADDING).length > limit) {
                attributes.remove(attributes.size() - 1);
            }
        }
        byte[] unpadded = encode(type, id, attributes, fingerprint, NO_PADDING);
        return pad ? encode(type, id, attributes, fingerprint, Math.max(0, limit - unpadded.length)) : unpadded;
    }

    /** @param padding the PADDING value's length, or negative for no PADDING attribute */
    private static byte[] encode(StunMessageType type, TransactionId id, List<StunAttribute> attributes,
                                 boolean fingerprint, int padding) {
        StunMessage.Builder b = StunMessage.builder(type, id);
        attributes.forEach(b::add);
        if (padding >= 0) {
            b.add(new Padding(padding));
        }
        if (fingerprint) {
            b.fingerprint();
        }
        return b.encode();
    }
}
