package io.netready.common.stun;

import java.util.HashMap;
import java.util.Map;

/**
 * The attribute types this package understands, each with its value decoder and encoder; any
 * other type decodes to a {@link RawAttribute}. A new attribute type is one more
 * {@link #register} line.
 */
final class AttributeCodecs {

    @FunctionalInterface
    private interface Decoder {
        StunAttribute decode(byte[] value, TransactionId transactionId) throws StunParseException;
    }

    @FunctionalInterface
    private interface Encoder<A extends StunAttribute> {
        byte[] encode(A attribute, TransactionId transactionId);
    }

    private static final Map<Integer, Decoder> DECODERS = new HashMap<>();
    private static final Map<Class<? extends StunAttribute>, Encoder<StunAttribute>> ENCODERS =
            new HashMap<>();

    static {
        register(MappedAddress.TYPE, MappedAddress.class,
                (value, id) -> MappedAddress.decode(value), (a, id) -> a.encodeValue());
        register(XorMappedAddress.TYPE, XorMappedAddress.class,
                XorMappedAddress::decode, XorMappedAddress::encodeValue);
        register(Username.TYPE, Username.class,
                (value, id) -> Username.decode(value), (a, id) -> a.encodeValue());
        register(ErrorCode.TYPE, ErrorCode.class,
                (value, id) -> ErrorCode.decode(value), (a, id) -> a.encodeValue());
        register(UnknownAttributes.TYPE, UnknownAttributes.class,
                (value, id) -> UnknownAttributes.decode(value), (a, id) -> a.encodeValue());
        register(Software.TYPE, Software.class,
                (value, id) -> Software.decode(value), (a, id) -> a.encodeValue());
        // RFC 5780 §7: the NAT behaviour discovery attributes.
        register(ChangeRequest.TYPE, ChangeRequest.class,
                (value, id) -> ChangeRequest.decode(value), (a, id) -> a.encodeValue());
        register(ResponsePort.TYPE, ResponsePort.class,
                (value, id) -> ResponsePort.decode(value), (a, id) -> a.encodeValue());
        register(Padding.TYPE, Padding.class,
                (value, id) -> Padding.decode(value), (a, id) -> a.encodeValue());
        register(ResponseOrigin.TYPE, ResponseOrigin.class,
                (value, id) -> ResponseOrigin.decode(value), (a, id) -> a.encodeValue());
        register(OtherAddress.TYPE, OtherAddress.class,
                (value, id) -> OtherAddress.decode(value), (a, id) -> a.encodeValue());
        ENCODERS.put(RawAttribute.class, (a, id) -> ((RawAttribute) a).value());
    }

    private AttributeCodecs() {
    }

    private static <A extends StunAttribute> void register(
            int type, Class<A> kind, Decoder decoder, Encoder<A> encoder) {
        DECODERS.put(type, decoder);
        ENCODERS.put(kind, (attribute, id) -> encoder.encode(kind.cast(attribute), id));
    }

    /** The attribute of this type with this value (padding excluded). */
    static StunAttribute decode(int type, byte[] value, TransactionId transactionId)
            throws StunParseException {
        Decoder decoder = DECODERS.get(type);
        return decoder == null
                ? new RawAttribute(type, value)
                : decoder.decode(value, transactionId);
    }

    /** The value bytes of this attribute, padding excluded. */
    static byte[] encodeValue(StunAttribute attribute, TransactionId transactionId) {
        return ENCODERS.get(attribute.getClass()).encode(attribute, transactionId);
    }
}
