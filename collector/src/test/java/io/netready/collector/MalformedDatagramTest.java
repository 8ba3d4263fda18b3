package io.netready.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.rtp.RtpAuth;
import io.netready.common.rtp.RtpWriter;
import io.netready.common.stun.StunMessage;
import io.netready.common.stun.StunMessageType;
import io.netready.common.stun.TransactionId;
import io.netready.proto.MediaPlan;
import io.netready.proto.OpenSessionRequest;
import io.netready.proto.OpenSessionResponse;
import io.netready.proto.ProbeSessionsGrpc;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage, truncated, oversized and unauthenticated datagrams to the STUN and media ports are
 * dropped and counted, nothing is sent back to their source, and the servers keep answering.
 */
class MalformedDatagramTest {

    @TempDir
    Path data;

    @Test
    void badDatagramsAreDroppedCountedAndUnanswered() throws Exception {
        try (Collector collector = Collector.start(CollectorConfig.ephemeral(data, GradingPolicy.defaults()));
             DatagramSocket attacker = new DatagramSocket(0, collector.stunAddress().getAddress())) {
            List<byte[]> garbage = garbage(openSessionTag(collector));
            for (byte[] g : garbage) {
                attacker.send(new DatagramPacket(g, g.length, collector.stunAddress()));
                attacker.send(new DatagramPacket(g, g.length, collector.mediaAddress()));
            }
            long expected = 2L * garbage.size();
            long deadline = System.currentTimeMillis() + 5000;
            while (collector.droppedDatagrams() < expected && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(expected, collector.droppedDatagrams());

            // Nothing went back to the sender of garbage.
            attacker.setSoTimeout(300);
            byte[] buf = new byte[2048];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            assertThrowsTimeout(attacker, reply);

            // And the STUN server still answers a good request.
            TransactionId id = TransactionId.random();
            byte[] request = StunMessage.builder(StunMessageType.BINDING_REQUEST, id).encode();
            attacker.send(new DatagramPacket(request, request.length, collector.stunAddress()));
            attacker.setSoTimeout(2000);
            attacker.receive(reply);
            StunMessage answer = StunMessage.decode(ByteBuffer.wrap(reply.getData(), 0, reply.getLength()));
            assertEquals(id, answer.transactionId());
            assertEquals(new InetSocketAddress(attacker.getLocalAddress(), attacker.getLocalPort()),
                    answer.mappedAddress().orElseThrow());
        }
    }

    private static void assertThrowsTimeout(DatagramSocket socket, DatagramPacket packet) throws Exception {
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException expected) {
            return;
        }
        assertNull(packet.getSocketAddress(), "unexpected reply of " + packet.getLength() + " bytes");
    }

    /** A session exists, so the reflector has a key to check forged packets against. */
    private static int openSessionTag(Collector collector) {
        ManagedChannel ch = NettyChannelBuilder.forAddress(collector.grpcAddress()).usePlaintext().build();
        try {
            OpenSessionResponse s = ProbeSessionsGrpc.newBlockingStub(ch).openSession(OpenSessionRequest.newBuilder()
                    .setSite("victim").setMedia(MediaPlan.newBuilder().setCodec("g711").setCalls(1).setDurationMs(2000))
                    .build());
            return s.getSessionTag();
        } finally {
            ch.shutdownNow();
        }
    }

    private static List<byte[]> garbage(int liveTag) {
        Random random = new Random(42);
        List<byte[]> g = new ArrayList<>();
        g.add(new byte[0]);
        for (int i = 0; i < 50; i++) {
            byte[] b = new byte[1 + random.nextInt(1500)];
            random.nextBytes(b);
            // Top bits 01 or 11: neither STUN (00) nor RTP version 2 (10), so each must be dropped.
            b[0] = (byte) (b[0] | 0x40);
            g.add(b);
        }
        byte[] stun = StunMessage.builder(StunMessageType.BINDING_REQUEST, TransactionId.random()).fingerprint().encode();
        g.add(Arrays.copyOf(stun, 10));                       // truncated header
        g.add(Arrays.copyOf(stun, stun.length - 4));          // length field larger than the datagram
        byte[] badFingerprint = stun.clone();
        badFingerprint[badFingerprint.length - 1] ^= 1;
        g.add(badFingerprint);
        g.add(new byte[60_000]);                               // oversized
        // RTP that parses but carries no session, or forges a live session's tag without its key.
        g.add(rtp(0x12345678));
        g.add(rtp(liveTag));
        return g;
    }

    /** An RTP packet with the session tag and an all-zero MAC. */
    private static byte[] rtp(int tag) {
        ByteBuffer b = ByteBuffer.allocate(256);
        RtpWriter w = new RtpWriter();
        w.begin(b, false, 0, 1, 160, 42);
        int at = w.addExtension(RtpAuth.EXTENSION_ID, RtpAuth.ELEMENT_LENGTH);
        w.endHeader();
        b.put(new byte[160]);
        b.putInt(at, tag);
        b.flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
