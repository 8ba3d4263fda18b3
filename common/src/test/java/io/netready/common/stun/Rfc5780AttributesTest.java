package io.netready.common.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RFC 5780 §7 attributes, against byte layouts written out from the RFC. */
class Rfc5780AttributesTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final TransactionId ID = TransactionId.of(HEX.parseHex("b7e7a701bc34d686fa87dfae"));

    @Test
    void requestWithChangeRequestResponsePortAndPaddingHasTheRfcLayout() throws Exception {
        byte[] encoded = StunMessage.builder(StunMessageType.BINDING_REQUEST, ID)
                .add(new ChangeRequest(true, true))
                .add(new ResponsePort(0x9c41))
                .add(new Padding(5))
                .encode();
        byte[] expected = HEX.parseHex(
                "0001" + "001c" + "2112a442" + "b7e7a701bc34d686fa87dfae"  // Binding request, length 8 + 8 + 12
                + "0003" + "0004" + "00000006"                             // CHANGE-REQUEST: A (0x4) | B (0x2)
                + "0027" + "0004" + "9c41" + "0000"                        // RESPONSE-PORT 40001 + 2 bytes padding
                + "0026" + "0005" + "0000000000" + "000000");              // PADDING, 5 bytes, padded to 8
        assertArrayEquals(expected, encoded);

        StunMessage m = StunMessage.decode(ByteBuffer.wrap(encoded));
        assertEquals(new ChangeRequest(true, true), m.attribute(ChangeRequest.class).orElseThrow());
        assertEquals(40001, m.attribute(ResponsePort.class).orElseThrow().port());
        assertEquals(5, m.attribute(Padding.class).orElseThrow().length());
        assertEquals(List.of(), m.unknownComprehensionRequired());
    }

    @Test
    void changeRequestFlagsAreTheAAndBBits() throws Exception {
        assertEquals(new ChangeRequest(true, false), ChangeRequest.decode(HEX.parseHex("00000004")));
        assertEquals(new ChangeRequest(false, true), ChangeRequest.decode(HEX.parseHex("00000002")));
        // Unused bits are ignored.
        assertEquals(new ChangeRequest(false, false), ChangeRequest.decode(HEX.parseHex("ffffff01")));
        assertThrows(StunParseException.class, () -> ChangeRequest.decode(new byte[3]));
        assertThrows(StunParseException.class, () -> ResponsePort.decode(HEX.parseHex("00000000")));
    }

    @Test
    void responseOriginAndOtherAddressAreEncodedLikeMappedAddress() throws Exception {
        InetSocketAddress origin = new InetSocketAddress("203.0.113.100", 3478);
        InetSocketAddress other = new InetSocketAddress("203.0.113.101", 3479);
        byte[] encoded = StunMessage.builder(StunMessageType.BINDING_SUCCESS_RESPONSE, ID)
                .add(new ResponseOrigin(origin)).add(new OtherAddress(other)).encode();
        byte[] expected = HEX.parseHex(
                "0101" + "0018" + "2112a442" + "b7e7a701bc34d686fa87dfae"
                + "802b" + "0008" + "0001" + "0d96" + "cb007164"   // family IPv4, port 3478, 203.0.113.100
                + "802c" + "0008" + "0001" + "0d97" + "cb007165"); // port 3479, 203.0.113.101
        assertArrayEquals(expected, encoded);
        StunMessage m = StunMessage.decode(ByteBuffer.wrap(encoded));
        assertEquals(origin, m.attribute(ResponseOrigin.class).orElseThrow().address());
        assertEquals(other, m.attribute(OtherAddress.class).orElseThrow().address());
    }
}
