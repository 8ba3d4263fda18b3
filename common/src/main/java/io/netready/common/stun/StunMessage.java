package io.netready.common.stun;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A decoded STUN message (RFC 8489): its type, transaction id and attributes, and whether it
 * carried MESSAGE-INTEGRITY and FINGERPRINT. Decoding checks the FINGERPRINT; MESSAGE-INTEGRITY
 * needs the key, so the caller checks it with {@link #verifyMessageIntegrity(byte[])}.
 * Messages to send are written with {@link #builder}.
 */
public final class StunMessage {
    private final StunMessageType type;
    private final TransactionId transactionId;
    private final List<StunAttribute> attributes;
    private final boolean fingerprint;
    private final byte[] integrityInput;
    private final byte[] integrityValue;

    /**
     * @param integrityInput the bytes MESSAGE-INTEGRITY covers, length field already adjusted,
     *     or null if the message has none
     */
    StunMessage(StunMessageType type, TransactionId transactionId, List<StunAttribute> attributes,
                boolean fingerprint, byte[] integrityInput, byte[] integrityValue) {
        this.type = type;
        this.transactionId = transactionId;
        this.attributes = List.copyOf(attributes);
        this.fingerprint = fingerprint;
        this.integrityInput = integrityInput;
        this.integrityValue = integrityValue;
    }

    /**
     * Decodes the datagram between the buffer's position and limit; the buffer's position is
     * left unchanged. Attributes following MESSAGE-INTEGRITY other than FINGERPRINT are ignored
     * (§14.5); a FINGERPRINT that is not last or does not match rejects the message (§14.7).
     *
     * @throws StunParseException if the bytes are not a well-formed STUN message
     */
    public static StunMessage decode(ByteBuffer datagram) throws StunParseException {
        byte[] bytes = new byte[datagram.remaining()];
        datagram.duplicate().get(bytes);
        return StunMessageDecoder.decode(bytes);
    }

    /** Starts a message to send. */
    public static Builder builder(StunMessageType type, TransactionId transactionId) {
        return new Builder(type, transactionId);
    }

    /**
     * The short-term credential key for MESSAGE-INTEGRITY (§9.1.1): the password's UTF-8 bytes.
     * RFC 8489 asks for the password after the OpaqueString profile (RFC 8265); that is not
     * applied here. It changes nothing for printable ASCII passwords such as ICE's.
     */
    public static byte[] shortTermKey(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    public StunMessageType type() {
        return type;
    }

    public TransactionId transactionId() {
        return transactionId;
    }

    /** The attributes in wire order, without MESSAGE-INTEGRITY and FINGERPRINT. */
    public List<StunAttribute> attributes() {
        return attributes;
    }

    /** The first attribute of this kind; only the first occurrence counts (§14). */
    public <A extends StunAttribute> Optional<A> attribute(Class<A> kind) {
        return attributes.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** The reflexive address: XOR-MAPPED-ADDRESS if present, else MAPPED-ADDRESS (§14.1, §14.2). */
    public Optional<InetSocketAddress> mappedAddress() {
        return attribute(XorMappedAddress.class).map(XorMappedAddress::address)
                .or(() -> attribute(MappedAddress.class).map(MappedAddress::address));
    }

    /**
     * The comprehension-required attribute types (0x0000-0x7FFF) this package does not
     * understand, in wire order without repeats: a server answers a request with any of them
     * with 420 (Unknown Attribute) listing them in UNKNOWN-ATTRIBUTES (§6.3.1).
     */
    public List<Integer> unknownComprehensionRequired() {
        return attributes.stream()
                .filter(a -> a instanceof RawAttribute raw && raw.comprehensionRequired())
                .map(StunAttribute::type)
                .distinct()
                .toList();
    }

    /** Whether the message carried a FINGERPRINT; decoding has verified it. */
    public boolean hasFingerprint() {
        return fingerprint;
    }

    public boolean hasMessageIntegrity() {
        return integrityInput != null;
    }

    /**
     * Whether the message carries a MESSAGE-INTEGRITY whose HMAC-SHA1 matches this key
     * (§14.5); false if it carries none.
     *
     * @param key for short-term credentials, {@link #shortTermKey(String)}
     * @throws IllegalArgumentException if the key is empty
     */
    public boolean verifyMessageIntegrity(byte[] key) {
        return integrityInput != null && MessageDigest.isEqual(integrityValue,
                StunChecksums.hmacSha1(key, integrityInput, integrityInput.length));
    }

    @Override
    public String toString() {
        return "StunMessage[" + type + ", " + transactionId + ", " + attributes
                + (integrityInput != null ? ", MESSAGE-INTEGRITY" : "")
                + (fingerprint ? ", FINGERPRINT" : "") + "]";
    }

    /**
     * Writes a STUN message: the header, the attributes in the order added, then
     * MESSAGE-INTEGRITY and FINGERPRINT if asked for, in that order as §14.5 and §14.7 require.
     */
    public static final class Builder {
        private final StunMessageType type;
        private final TransactionId transactionId;
        private final List<StunAttribute> attributes = new ArrayList<>();
        private byte[] integrityKey;
        private boolean fingerprint;

        private Builder(StunMessageType type, TransactionId transactionId) {
            if (type == null || transactionId == null) {
                throw new IllegalArgumentException("type and transaction id are required");
            }
            this.type = type;
            this.transactionId = transactionId;
        }

        public Builder add(StunAttribute attribute) {
            if (attribute == null) {
                throw new IllegalArgumentException("attribute is null");
            }
            attributes.add(attribute);
            return this;
        }

        /**
         * Adds MESSAGE-INTEGRITY computed with this key.
         *
         * @param key for short-term credentials, {@link StunMessage#shortTermKey(String)}
         * @throws IllegalArgumentException if the key is empty
         */
        public Builder messageIntegrity(byte[] key) {
            if (key.length == 0) {
                throw new IllegalArgumentException("MESSAGE-INTEGRITY key is empty");
            }
            this.integrityKey = key.clone();
            return this;
        }

        /** Adds FINGERPRINT as the last attribute. */
        public Builder fingerprint() {
            this.fingerprint = true;
            return this;
        }

        /**
         * The message's bytes; padding is zero.
         *
         * @throws IllegalStateException if the message would exceed the 16-bit length field
         */
        public byte[] encode() {
            List<byte[]> values = new ArrayList<>(attributes.size());
            int bodyLength = 0;
            for (StunAttribute attribute : attributes) {
                byte[] value = AttributeCodecs.encodeValue(attribute, transactionId);
                values.add(value);
                bodyLength += StunWire.ATTRIBUTE_HEADER_LENGTH + StunWire.padded(value.length);
            }
            if (integrityKey != null) {
                bodyLength += StunWire.ATTRIBUTE_HEADER_LENGTH + StunWire.MESSAGE_INTEGRITY_LENGTH;
            }
            if (fingerprint) {
                bodyLength += StunWire.ATTRIBUTE_HEADER_LENGTH + StunWire.FINGERPRINT_LENGTH;
            }
            if (bodyLength > StunWire.MAX_BODY_LENGTH) {
                throw new IllegalStateException("STUN message body of " + bodyLength
                        + " bytes exceeds " + StunWire.MAX_BODY_LENGTH);
            }

            ByteBuffer out = ByteBuffer.allocate(StunWire.HEADER_LENGTH + bodyLength);
            out.putShort((short) type.wireValue())
                    .putShort((short) bodyLength)
                    .putInt(StunWire.MAGIC_COOKIE)
                    .put(transactionId.bytes());
            for (int i = 0; i < values.size(); i++) {
                putAttribute(out, attributes.get(i).type(), values.get(i));
            }
            if (integrityKey != null) {
                // §14.5: the HMAC covers the message with its length field counting up to and
                // including MESSAGE-INTEGRITY, not a FINGERPRINT that follows.
                setLengthThrough(out, StunWire.MESSAGE_INTEGRITY_LENGTH);
                putAttribute(out, StunWire.MESSAGE_INTEGRITY,
                        StunChecksums.hmacSha1(integrityKey, out.array(), out.position()));
            }
            if (fingerprint) {
                setLengthThrough(out, StunWire.FINGERPRINT_LENGTH); // §14.7: the whole message
                putAttribute(out, StunWire.FINGERPRINT, ByteBuffer.allocate(4)
                        .putInt(StunChecksums.fingerprint(out.array(), out.position())).array());
            }
            return out.array();
        }

        /** Sets the header length as if the message ended after the next attribute. */
        private static void setLengthThrough(ByteBuffer out, int nextValueLength) {
            int length = out.position() - StunWire.HEADER_LENGTH
                    + StunWire.ATTRIBUTE_HEADER_LENGTH + nextValueLength;
            out.putShort(2, (short) length);
        }

        /** Type, length, value, then zero padding to a 4-byte boundary (§14). */
        private static void putAttribute(ByteBuffer out, int type, byte[] value) {
            out.putShort((short) type).putShort((short) value.length).put(value);
            out.position(out.position() + StunWire.padded(value.length) - value.length);
        }
    }
}
