package io.netready.common.stun;

import java.security.GeneralSecurityException;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The two message checksums, MESSAGE-INTEGRITY (§14.5) and FINGERPRINT (§14.7). */
final class StunChecksums {
    private static final int FINGERPRINT_XOR = 0x5354554E; // "STUN", §14.7

    private StunChecksums() {
    }

    /** CRC-32 of the first {@code length} bytes, XOR 0x5354554E (§14.7). */
    static int fingerprint(byte[] message, int length) {
        CRC32 crc = new CRC32();
        crc.update(message, 0, length);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    /** HMAC-SHA1 of the first {@code length} bytes (§14.5). */
    static byte[] hmacSha1(byte[] key, byte[] message, int length) {
        if (key.length == 0) {
            throw new IllegalArgumentException("MESSAGE-INTEGRITY key is empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            mac.update(message, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides HmacSHA1", e);
        }
    }
}
