package io.netready.common.rtp;

import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) over a reused {@link MessageDigest}. The JDK's {@code Mac} returns a new
 * array from every {@code doFinal}, even the overload that writes into the caller's array; at
 * two MACs per packet that is steady garbage on the media path. Here nothing is allocated per
 * message. Checked against RFC 4231's test vectors and against {@code javax.crypto.Mac}.
 * Not thread-safe.
 */
final class Hmac256 {

    static final int OUTPUT_LENGTH = 32;
    private static final int BLOCK_LENGTH = 64;

    private final MessageDigest sha256;
    private final byte[] innerPad = new byte[BLOCK_LENGTH];
    private final byte[] outerPad = new byte[BLOCK_LENGTH];
    private final byte[] inner = new byte[OUTPUT_LENGTH];

    Hmac256(byte[] key) {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must provide SHA-256.
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
        // RFC 2104 §2: a key longer than the block is hashed first; a shorter one is zero-padded.
        byte[] k = key.length > BLOCK_LENGTH ? sha256.digest(key) : key;
        for (int i = 0; i < BLOCK_LENGTH; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
        sha256.update(innerPad);
    }

    /** Adds the bytes between the buffer's position and limit to the message. */
    void update(ByteBuffer bytes) {
        sha256.update(bytes);
    }

    void update(byte[] bytes, int offset, int length) {
        sha256.update(bytes, offset, length);
    }

    /** Writes H(K ⊕ opad, H(K ⊕ ipad, message)) to {@code out} and starts the next message. */
    void doFinal(byte[] out) {
        try {
            sha256.digest(inner, 0, OUTPUT_LENGTH);
            sha256.update(outerPad);
            sha256.update(inner);
            sha256.digest(out, 0, OUTPUT_LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("a SHA-256 output fits in 32 bytes", e);
        }
        sha256.update(innerPad);
    }
}
