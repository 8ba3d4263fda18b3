package io.netready.common.stun;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes one datagram in two passes: framing (header §5, attribute lengths §14, FINGERPRINT
 * §14.7, MESSAGE-INTEGRITY position §14.5), then attribute values. A framing failure leaves the
 * exception without header; a value failure carries the header so a request can get a 400.
 */
final class StunMessageDecoder {

    /** An attribute's type and where its value lies in the datagram. */
    private record Field(int type, int offset, int length) {
    }

    private StunMessageDecoder() {
    }

    static StunMessage decode(byte[] datagram) throws StunParseException {
        ByteBuffer buffer = ByteBuffer.wrap(datagram);
        if (datagram.length < StunWire.HEADER_LENGTH) {
            throw new StunParseException("datagram of " + datagram.length
                    + " bytes is shorter than the 20-byte STUN header");
        }
        int rawType = Short.toUnsignedInt(buffer.getShort(0));
        if ((rawType & 0xC000) != 0) {
            throw new StunParseException(String.format(
                    "first two bits of message type 0x%04x are not zero", rawType));
        }
        int length = Short.toUnsignedInt(buffer.getShort(2));
        if (length % 4 != 0) {
            throw new StunParseException("length " + length + " is not a multiple of 4");
        }
        int cookie = buffer.getInt(4);
        if (cookie != StunWire.MAGIC_COOKIE) {
            throw new StunParseException(String.format(
                    "magic cookie 0x%08x is not 0x2112a442", cookie));
        }
        if (length != datagram.length - StunWire.HEADER_LENGTH) {
            throw new StunParseException("length " + length + " does not match the "
                    + (datagram.length - StunWire.HEADER_LENGTH)
                    + " bytes after the 20-byte header");
        }
        StunMessageType type = StunMessageType.fromWire(rawType);
        TransactionId transactionId = TransactionId.of(
                Arrays.copyOfRange(datagram, 8, StunWire.HEADER_LENGTH));

        List<Field> fields = new ArrayList<>();
        boolean fingerprint = false;
        int integrityStart = -1;
        // The body length is a multiple of 4 and every attribute ends on a 4-byte boundary,
        // so an attribute header always fits and so does the padding of a value that fits.
        for (int start = StunWire.HEADER_LENGTH; start < datagram.length; ) {
            int attributeType = Short.toUnsignedInt(buffer.getShort(start));
            int valueLength = Short.toUnsignedInt(buffer.getShort(start + 2));
            int valueOffset = start + StunWire.ATTRIBUTE_HEADER_LENGTH;
            int remaining = datagram.length - valueOffset;
            if (valueLength > remaining) {
                throw new StunParseException(String.format(
                        "attribute 0x%04x at offset %d has length %d but only %d bytes remain",
                        attributeType, start, valueLength, remaining));
            }
            int end = valueOffset + StunWire.padded(valueLength);
            if (attributeType == StunWire.FINGERPRINT) {
                checkFingerprint(datagram, start, valueLength, end);
                fingerprint = true;
            } else if (integrityStart < 0) { // §14.5: after MESSAGE-INTEGRITY, all else is ignored
                if (attributeType == StunWire.MESSAGE_INTEGRITY) {
                    requireLength("MESSAGE-INTEGRITY", valueLength,
                            StunWire.MESSAGE_INTEGRITY_LENGTH);
                    integrityStart = start;
                } else {
                    fields.add(new Field(attributeType, valueOffset, valueLength));
                }
            }
            start = end;
        }

        List<StunAttribute> attributes = new ArrayList<>(fields.size());
        for (Field field : fields) {
            byte[] value = Arrays.copyOfRange(datagram, field.offset, field.offset + field.length);
            try {
                attributes.add(AttributeCodecs.decode(field.type, value, transactionId));
            } catch (StunParseException e) {
                throw new StunParseException(String.format("attribute 0x%04x at offset %d: %s",
                        field.type, field.offset - StunWire.ATTRIBUTE_HEADER_LENGTH,
                        e.getMessage()), type, transactionId);
            }
        }

        byte[] integrityInput = null;
        byte[] integrityValue = null;
        if (integrityStart >= 0) {
            // §14.5: the HMAC covers the message up to MESSAGE-INTEGRITY with the length field
            // counting up to and including it, whatever follows.
            integrityInput = Arrays.copyOf(datagram, integrityStart);
            int coveredLength = integrityStart - StunWire.HEADER_LENGTH
                    + StunWire.ATTRIBUTE_HEADER_LENGTH + StunWire.MESSAGE_INTEGRITY_LENGTH;
            ByteBuffer.wrap(integrityInput).putShort(2, (short) coveredLength);
            int valueOffset = integrityStart + StunWire.ATTRIBUTE_HEADER_LENGTH;
            integrityValue = Arrays.copyOfRange(datagram, valueOffset,
                    valueOffset + StunWire.MESSAGE_INTEGRITY_LENGTH);
        }
        return new StunMessage(type, transactionId, attributes, fingerprint,
                integrityInput, integrityValue);
    }

    /** §14.7: FINGERPRINT is last and is the CRC-32 of everything before it XOR 0x5354554E. */
    private static void checkFingerprint(byte[] datagram, int start, int valueLength, int end)
            throws StunParseException {
        if (end != datagram.length) {
            throw new StunParseException("FINGERPRINT at offset " + start
                    + " is not the last attribute");
        }
        requireLength("FINGERPRINT", valueLength, StunWire.FINGERPRINT_LENGTH);
        int received = ByteBuffer.wrap(datagram).getInt(start + StunWire.ATTRIBUTE_HEADER_LENGTH);
        int expected = StunChecksums.fingerprint(datagram, start);
        if (received != expected) {
            throw new StunParseException(String.format(
                    "FINGERPRINT 0x%08x does not match 0x%08x computed", received, expected));
        }
    }

    private static void requireLength(String attribute, int length, int expected)
            throws StunParseException {
        if (length != expected) {
            throw new StunParseException(attribute + " has length " + length
                    + ", expected " + expected);
        }
    }
}
