package io.netready.collector.stun;

import io.netready.common.stun.ChangeRequest;
import io.netready.common.stun.ErrorCode;
import io.netready.common.stun.MappedAddress;
import io.netready.common.stun.Padding;
import io.netready.common.stun.ResponsePort;
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

/**
 * What the STUN server answers to one datagram (RFC 8489 §6.3), without any I/O.
 *
 * <p>No amplification (SPEC §4): optional attributes are added only while the response stays no
 * larger than the request. The one thing always sent is XOR-MAPPED-ADDRESS, so the smallest
 * Binding request (20 bytes) gets the smallest useful answer (32 bytes, 44 for IPv6).
 */
final class BindingResponder {

    /** RFC 8489 §5 header; §14.7 FINGERPRINT attribute with its 4-byte attribute header. */
    private static final int HEADER_BYTES = 20;
    private static final int FINGERPRINT_BYTES = 8;

    /** The answer, or why there is none (for the debug log). */
    record Outcome(Optional<byte[]> response, String dropReason) {
        static Outcome answer(byte[] bytes) {
            return new Outcome(Optional.of(bytes), null);
        }

        static Outcome drop(String reason) {
            return new Outcome(Optional.empty(), reason);
        }
    }

    Outcome respond(ByteBuffer datagram, InetSocketAddress source) {
        int requestSize = datagram.remaining();
        StunMessage request;
        try {
            request = StunMessage.decode(datagram);
        } catch (StunParseException e) {
            // Framing errors are dropped silently; bad attribute content in a request gets 400.
            if (e.messageType().filter(t -> t.messageClass() == StunClass.REQUEST).isPresent()) {
                return Outcome.answer(error(e.messageType().get(), e.transactionId().orElseThrow(),
                        ErrorCode.BAD_REQUEST, List.of(), requestSize));
            }
            return Outcome.drop("malformed STUN: " + e.getMessage());
        }
        if (!request.type().equals(StunMessageType.BINDING_REQUEST)) {
            // Indications and responses need no answer; other methods are not ours (§6.3).
            return Outcome.drop("not a Binding request: " + request.type());
        }
        List<Integer> unknown = unservable(request);
        if (!unknown.isEmpty()) {
            return Outcome.answer(error(request.type(), request.transactionId(), ErrorCode.UNKNOWN_ATTRIBUTE,
                    List.of(new UnknownAttributes(unknown)), requestSize));
        }
        // XOR-MAPPED-ADDRESS always (§14.2); then MAPPED-ADDRESS for RFC 3489-era clients (§14.1),
        // then FINGERPRINT for clients that sent one, as far as the request's size allows.
        TransactionId id = request.transactionId();
        byte[] base = success(id, source, false, false);
        int addressAttribute = base.length - HEADER_BYTES; // MAPPED-ADDRESS is as long as XOR-MAPPED-ADDRESS
        boolean mapped = base.length + addressAttribute <= requestSize;
        boolean fingerprint = request.hasFingerprint()
                && base.length + (mapped ? addressAttribute : 0) + FINGERPRINT_BYTES <= requestSize;
        return Outcome.answer(mapped || fingerprint ? success(id, source, mapped, fingerprint) : base);
    }

    /**
     * Comprehension-required attributes this server cannot honour: the ones it does not know, and
     * the RFC 5780 requests it cannot serve with one address and port. Answering those as if they
     * were absent would mislead the client (a CHANGE-REQUEST answered from the same address looks
     * like endpoint-independent filtering), so they get 420 as RFC 5780 §7 expects of a server
     * that does not support them.
     */
    private static List<Integer> unservable(StunMessage request) {
        List<Integer> types = new ArrayList<>(request.unknownComprehensionRequired());
        request.attribute(ChangeRequest.class).filter(c -> c.changeIp() || c.changePort())
                .ifPresent(c -> types.add(c.type()));
        request.attribute(ResponsePort.class).ifPresent(r -> types.add(r.type()));
        request.attribute(Padding.class).ifPresent(p -> types.add(p.type()));
        return types;
    }

    private static byte[] success(TransactionId id, InetSocketAddress source, boolean mapped, boolean fingerprint) {
        StunMessage.Builder b = StunMessage.builder(StunMessageType.BINDING_SUCCESS_RESPONSE, id)
                .add(new XorMappedAddress(source));
        if (mapped) {
            b.add(new MappedAddress(source));
        }
        if (fingerprint) {
            b.fingerprint();
        }
        return b.encode();
    }

    /** The reason phrase is optional text: it is dropped rather than answer larger than asked. */
    private static byte[] error(StunMessageType requestType, TransactionId id, ErrorCode code,
                                List<StunAttribute> extra, int requestSize) {
        byte[] full = errorResponse(requestType, id, code, extra);
        return full.length <= requestSize ? full : errorResponse(requestType, id, new ErrorCode(code.code(), ""), extra);
    }

    private static byte[] errorResponse(StunMessageType requestType, TransactionId id, ErrorCode code,
                                        List<StunAttribute> extra) {
        StunMessage.Builder b = StunMessage.builder(
                new StunMessageType(requestType.method(), StunClass.ERROR_RESPONSE), id).add(code);
        extra.forEach(b::add);
        return b.encode();
    }
}
