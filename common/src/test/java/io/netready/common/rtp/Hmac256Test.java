package io.netready.common.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class Hmac256Test {

    private static byte[] mac(byte[] key, byte[] message) {
        Hmac256 h = new Hmac256(key);
        h.update(message, 0, message.length);
        byte[] out = new byte[32];
        h.doFinal(out);
        return out;
    }

    @Test
    void rfc4231TestCases() {
        HexFormat hex = HexFormat.of();
        // Test case 1: key = 20 x 0x0b, data = "Hi There".
        byte[] key1 = new byte[20];
        Arrays.fill(key1, (byte) 0x0b);
        assertArrayEquals(hex.parseHex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                mac(key1, "Hi There".getBytes(StandardCharsets.US_ASCII)));
        // Test case 2: key = "Jefe", data = "what do ya want for nothing?".
        assertArrayEquals(hex.parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                mac("Jefe".getBytes(StandardCharsets.US_ASCII),
                        "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)));
        // Test case 6: a 131-byte key (longer than the block, so it is hashed first).
        byte[] key6 = new byte[131];
        Arrays.fill(key6, (byte) 0xaa);
        assertArrayEquals(hex.parseHex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
                mac(key6, "Test Using Larger Than Block-Size Key - Hash Key First"
                        .getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void agreesWithTheJdkMacAcrossMessagesAndReuse() throws Exception {
        Random random = new Random(7);
        byte[] key = new byte[32];
        random.nextBytes(key);
        Hmac256 ours = new Hmac256(key);
        Mac jdk = Mac.getInstance("HmacSHA256");
        jdk.init(new SecretKeySpec(key, "HmacSHA256"));
        for (int i = 0; i < 200; i++) {
            byte[] message = new byte[random.nextInt(300)];
            random.nextBytes(message);
            ByteBuffer direct = ByteBuffer.allocateDirect(message.length);
            direct.put(message).flip();
            ours.update(direct);
            byte[] out = new byte[32];
            ours.doFinal(out);
            assertArrayEquals(jdk.doFinal(message), out, "message " + i);
        }
    }
}
