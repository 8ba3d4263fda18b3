package io.netready.agent.spool;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netready.proto.ProbeResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The bytes of a spooled result: a header that lets a reader tell a whole file from a torn or
 * damaged one, then the ProbeResult in protobuf binary.
 *
 * <pre>
 *   "NRS1"        4 bytes  magic and format version
 *   length        4 bytes  big-endian, bytes of the protobuf that follows
 *   crc32c        4 bytes  big-endian, CRC-32C (Castagnoli, as in iSCSI and ext4) of those bytes
 *   ProbeResult   length bytes
 * </pre>
 */
final class SpoolFile {

    private static final byte[] MAGIC = "NRS1".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = MAGIC.length + 4 + 4;

    private SpoolFile() {
    }

    static byte[] encode(ProbeResult result) {
        byte[] payload = result.toByteArray();
        return ByteBuffer.allocate(HEADER_BYTES + payload.length).put(MAGIC).putInt(payload.length)
                .putInt(crc32c(payload)).put(payload).array();
    }

    /**
     * @param resultId the id the file's name says it holds
     * @throws Damaged naming what is wrong, when the bytes are not a whole file of that result
     */
    static ProbeResult decode(byte[] bytes, String resultId) throws Damaged {
        if (bytes.length < HEADER_BYTES) {
            throw new Damaged("only " + bytes.length + " bytes, shorter than the " + HEADER_BYTES + "-byte header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new Damaged("it does not start with NRS1");
        }
        int length = in.getInt();
        int crc = in.getInt();
        if (length != bytes.length - HEADER_BYTES) {
            throw new Damaged("the header says " + length + " bytes of result, the file has " + (bytes.length - HEADER_BYTES));
        }
        byte[] payload = Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length);
        if (crc32c(payload) != crc) {
            throw new Damaged("its CRC-32C does not match its content");
        }
        try {
            ProbeResult result = ProbeResult.parseFrom(payload);
            if (!result.getResultId().equals(resultId)) {
                throw new Damaged("it holds result " + result.getResultId() + ", its name says " + resultId);
            }
            return result;
        } catch (InvalidProtocolBufferException e) {
            throw new Damaged("it is not a ProbeResult (" + e.getMessage() + ")");
        }
    }

    private static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /** A spool file that is not what {@link #encode} wrote. */
    static final class Damaged extends Exception {
        Damaged(String why) {
            super(why);
        }
    }
}
