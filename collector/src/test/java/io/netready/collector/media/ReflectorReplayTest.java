package io.netready.collector.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.netready.collector.Collector;
import io.netready.collector.CollectorConfig;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.media.MediaStream;
import io.netready.common.media.VoiceCodec;
import io.netready.proto.CloseSessionRequest;
import io.netready.proto.CloseSessionResponse;
import io.netready.proto.MediaPlan;
import io.netready.proto.OpenSessionRequest;
import io.netready.proto.OpenSessionResponse;
import io.netready.proto.ProbeSessionsGrpc;
import io.netready.proto.StreamStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A valid packet captured off the wire and replayed from another address gets nothing back and
 * changes no session's statistics: the reflector latched the call to its real source.
 */
class ReflectorReplayTest {

    @TempDir
    Path data;

    @Test
    void replayedPacketsFromElsewhereAreDroppedAndUnanswered() throws Exception {
        try (Collector collector = Collector.start(CollectorConfig.ephemeral(data, GradingPolicy.defaults()));
             DatagramChannel caller = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel replayer = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            ManagedChannel grpc = NettyChannelBuilder.forAddress(collector.grpcAddress()).usePlaintext().build();
            try {
                var sessions = ProbeSessionsGrpc.newBlockingStub(grpc);
                OpenSessionResponse s = sessions.openSession(OpenSessionRequest.newBuilder().setSite("replay")
                        .setMedia(MediaPlan.newBuilder().setCodec("g711").setCalls(1).setDurationMs(400)).build());
                InetSocketAddress media = collector.mediaAddress();
                List<ByteBuffer> captured = new ArrayList<>();
                MediaStream call = new MediaStream("test", VoiceCodec.G711, 20, 60, s.getSessionKey().toByteArray(),
                        s.getSessionTag(), (packet, to) -> {
                            captured.add(copy(packet));
                            send(caller, packet, to);
                        }, media);
                for (int i = 0; i < 20; i++) {
                    call.sender().sendNext(0);
                    Thread.sleep(5);
                }
                long droppedBefore = collector.droppedDatagrams();
                for (int i = 0; i < 5; i++) {
                    send(replayer, captured.get(3).duplicate(), media);
                }
                Thread.sleep(500);
                replayer.configureBlocking(false);
                assertNull(replayer.receive(ByteBuffer.allocate(2048)), "the reflector answered a replay");
                assertEquals(droppedBefore + 5, collector.droppedDatagrams());

                CloseSessionResponse closed = sessions.closeSession(CloseSessionRequest.newBuilder()
                        .setSessionId(s.getSessionId()).addUpstream(call.sender().origin()).build());
                StreamStats up = closed.getUpstream(0).getStats();
                assertEquals(20, up.getPacketsReceived());
                assertEquals(0, up.getDuplicates());
                assertEquals("127.0.0.1:" + ((InetSocketAddress) caller.getLocalAddress()).getPort(),
                        closed.getUpstream(0).getLatchedAddress());
            } finally {
                grpc.shutdownNow();
            }
        }
    }

    private static ByteBuffer copy(ByteBuffer packet) {
        ByteBuffer c = ByteBuffer.allocate(packet.remaining());
        c.put(packet.duplicate()).flip();
        return c;
    }

    private static void send(DatagramChannel channel, ByteBuffer packet, InetSocketAddress to) {
        try {
            channel.send(packet, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
