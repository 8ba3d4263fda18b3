package io.netready.collector.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.netready.collector.Collector;
import io.netready.collector.CollectorConfig;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.stun.ChangeRequest;
import io.netready.common.stun.ErrorCode;
import io.netready.common.stun.OtherAddress;
import io.netready.common.stun.RawAttribute;
import io.netready.common.stun.ResponseOrigin;
import io.netready.common.stun.ResponsePort;
import io.netready.common.stun.Software;
import io.netready.common.stun.StunClass;
import io.netready.common.stun.StunMessage;
import io.netready.common.stun.StunMessageType;
import io.netready.common.stun.StunParseException;
import io.netready.common.stun.TransactionId;
import io.netready.common.stun.UnknownAttributes;
import io.netready.common.stun.XorMappedAddress;
import io.netready.proto.Endpoint;
import io.netready.proto.OpenSessionRequest;
import io.netready.proto.OpenSessionResponse;
import io.netready.proto.ProbeSessionsGrpc;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's STUN server on real loopback sockets: 127.0.0.1 and 127.0.0.2 on two ephemeral
 * ports. Each test's client uses its own source address in 127.0.0.0/8, so the per-source limits
 * of one test do not touch another's.
 */
class StunServerLoopbackTest {

    @TempDir
    static Path data;
    static Collector collector;
    static StunAddresses server;

    @BeforeAll
    static void start() {
        collector = Collector.start(CollectorConfig.ephemeral(data, GradingPolicy.defaults()));
        server = collector.stunAddresses();
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    private static DatagramSocket client(String address) throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
        s.setSoTimeout(2000);
        return s;
    }

    private static void send(DatagramSocket s, byte[] bytes, InetSocketAddress to) throws Exception {
        s.send(new DatagramPacket(bytes, bytes.length, to));
    }

    private static DatagramPacket receive(DatagramSocket s) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        s.receive(p);
        return p;
    }

    private static StunMessage decode(DatagramPacket p) throws StunParseException {
        return StunMessage.decode(ByteBuffer.wrap(p.getData(), 0, p.getLength()));
    }

    private static InetSocketAddress socket(boolean alternateAddress, boolean alternatePort) {
        return server.address(new StunSocket(alternateAddress, alternatePort)).orElseThrow();
    }

    @Test
    void everyChangeRequestIsAnsweredFromTheRightSocketNamingIt() throws Exception {
        assertEquals(4, server.sockets().size());
        assertTrue(server.port() != server.alternatePort());
        try (DatagramSocket c = client("127.0.0.11")) {
            InetSocketAddress self = (InetSocketAddress) c.getLocalSocketAddress();
            for (StunSocket to : server.sockets()) {
                for (int flags = 0; flags < 4; flags++) {
                    boolean changeIp = (flags & 2) != 0;
                    boolean changePort = (flags & 1) != 0;
                    TransactionId id = TransactionId.random();
                    send(c, StunMessage.builder(StunMessageType.BINDING_REQUEST, id)
                            .add(new ChangeRequest(changeIp, changePort)).encode(), socket(to.alternateAddress(),
                            to.alternatePort()));
                    DatagramPacket p = receive(c);
                    StunMessage m = decode(p);
                    String what = "to " + to + " change ip " + changeIp + " port " + changePort;
                    InetSocketAddress expectedFrom = socket(to.alternateAddress() ^ changeIp,
                            to.alternatePort() ^ changePort);
                    assertEquals(id, m.transactionId(), what);
                    assertEquals(expectedFrom, p.getSocketAddress(), what);
                    assertEquals(expectedFrom, m.attribute(ResponseOrigin.class).orElseThrow().address(), what);
                    assertEquals(socket(!to.alternateAddress(), !to.alternatePort()),
                            m.attribute(OtherAddress.class).orElseThrow().address(), what);
                    assertEquals(self, m.attribute(XorMappedAddress.class).orElseThrow().address(), what);
                }
            }
        }
    }

    @Test
    void sessionInfoNamesTheAlternateSocketOrTheUntestableTests() throws Exception {
        OpenSessionResponse two = openSession(collector);
        assertEquals(Endpoint.newBuilder().setHost("127.0.0.2").setPort(server.alternatePort()).build(),
                two.getStunAlternate());
        assertEquals(List.of(), two.getStunUntestableList());

        CollectorConfig oneAddress = new CollectorConfig(CollectorConfig.LOOPBACK, Optional.empty(), 0, 0, 0, 0, 0,
                data.resolve("one"), Optional.empty(), GradingPolicy.defaults(), Optional.empty(), false,
                    Optional.empty(), Optional.empty(), CollectorConfig.DEFAULT_RETENTION);
        try (Collector one = Collector.start(oneAddress)) {
            OpenSessionResponse s = openSession(one);
            assertFalse(s.hasStunAlternate());
            assertEquals(2, s.getStunUntestableCount());
            assertTrue(s.getStunUntestable(0).startsWith("mapping behaviour"), s.getStunUntestable(0));
            assertTrue(s.getStunUntestable(1).startsWith("filtering behaviour"), s.getStunUntestable(1));
        }
    }

    private static OpenSessionResponse openSession(Collector c) {
        ManagedChannel ch = NettyChannelBuilder.forAddress(c.grpcAddress()).usePlaintext().build();
        try {
            return ProbeSessionsGrpc.newBlockingStub(ch).openSession(OpenSessionRequest.newBuilder().setSite("s")
                    .build());
        } finally {
            ch.shutdownNow();
        }
    }

    @Test
    void responsePortSendsTheAnswerToAnotherPortOfTheSourceAddress() throws Exception {
        try (DatagramSocket x = client("127.0.0.12");
             DatagramSocket y = new DatagramSocket(new InetSocketAddress(x.getLocalAddress(), 0))) {
            y.setSoTimeout(2000);
            TransactionId id = TransactionId.random();
            send(x, StunMessage.builder(StunMessageType.BINDING_REQUEST, id).add(new ResponsePort(y.getLocalPort()))
                    .add(new ChangeRequest(true, true)).encode(), collector.stunAddress());
            DatagramPacket p = receive(y);
            assertEquals(id, decode(p).transactionId());
            assertEquals(socket(true, true), p.getSocketAddress());
            // The mapped address is the request's source: port X, where the answer did not go.
            assertEquals(x.getLocalSocketAddress(), decode(p).attribute(XorMappedAddress.class).orElseThrow()
                    .address());
        }
    }

    /**
     * Fuzzed datagrams: each gets the error response its defect calls for, or is dropped and
     * counted; nothing crashes the server, which answers a good request afterwards.
     */
    @Test
    void fuzzedStunGetsTheRightErrorOrACountedDrop() throws Exception {
        Random random = new Random(5780);
        Map<TransactionId, Integer> errorsExpected = new HashMap<>();
        int dropsExpected = 0;
        try (DatagramSocket c = client("127.0.0.13")) {
            long droppedBefore = collector.droppedDatagrams();
            for (int i = 0; i < 120; i++) {
                byte[] good = StunMessage.builder(StunMessageType.BINDING_REQUEST, TransactionId.random())
                        .add(new Software("fuzz " + i)).fingerprint().encode();
                byte[] bad = good.clone();
                switch (i % 4) {
                    case 0 -> { // random length: truncated, or extended with zeros
                        int length = random.nextInt(good.length + 40);
                        bad = Arrays.copyOf(good, length == good.length ? length + 4 : length);
                    }
                    case 1 -> // an attribute whose length runs past the end
                        ByteBuffer.wrap(bad).putShort(22, (short) (200 + random.nextInt(1000)));
                    case 2 -> // a FINGERPRINT that does not match
                        bad[bad.length - 1 - random.nextInt(4)] ^= (byte) (1 + random.nextInt(255));
                    default -> { // an unknown comprehension-required attribute
                        TransactionId id = TransactionId.random();
                        bad = StunMessage.builder(StunMessageType.BINDING_REQUEST, id)
                                .add(new RawAttribute(0x0030 + random.nextInt(0x7000), new byte[random.nextInt(9)]))
                                .add(new Software("x".repeat(20))).encode();
                        errorsExpected.put(id, 420);
                    }
                }
                dropsExpected += i % 4 == 3 ? 0 : 1;
                send(c, bad, collector.stunAddress());
            }
            c.setSoTimeout(500);
            Map<TransactionId, Integer> errors = new HashMap<>();
            try {
                while (true) {
                    StunMessage m = decode(receive(c));
                    assertEquals(StunClass.ERROR_RESPONSE, m.type().messageClass());
                    assertTrue(m.attribute(UnknownAttributes.class).isPresent());
                    errors.put(m.transactionId(), m.attribute(ErrorCode.class).orElseThrow().code());
                }
            } catch (SocketTimeoutException done) {
                // every answer is in
            }
            assertEquals(errorsExpected, errors);
            assertEquals(dropsExpected, collector.droppedDatagrams() - droppedBefore);

            c.setSoTimeout(2000);
            TransactionId id = TransactionId.random();
            send(c, StunMessage.builder(StunMessageType.BINDING_REQUEST, id).encode(), collector.stunAddress());
            assertEquals(id, decode(receive(c)).transactionId());
        }
    }

    /**
     * A flood of the smallest requests from one source: beyond its rate the requests are dropped,
     * beyond its credit the answers are; what reaches it is never more than it sent plus the
     * credit. Another source is served meanwhile.
     */
    @Test
    void aFloodIsCutToTheSourcesRateAndCreditAndOthersAreStillServed() throws Exception {
        long rateLimited = collector.stunDropped(StunDrop.RATE_LIMITED);
        long creditExhausted = collector.stunDropped(StunDrop.CREDIT_EXHAUSTED);
        int requests = 1000;
        long bytesSent = 0;
        try (DatagramSocket flooder = client("127.0.0.14"); DatagramSocket other = client("127.0.0.15")) {
            flooder.setReceiveBufferSize(1 << 20);
            for (int i = 0; i < requests; i++) {
                byte[] r = StunMessage.builder(StunMessageType.BINDING_REQUEST, TransactionId.random()).encode();
                send(flooder, r, collector.stunAddress());
                bytesSent += r.length;
                if (i % 20 == 19) {
                    Thread.sleep(2); // within the collector's socket buffer: the server, not the kernel, decides
                }
            }
            TransactionId id = TransactionId.random();
            send(other, StunMessage.builder(StunMessageType.BINDING_REQUEST, id).encode(), collector.stunAddress());
            assertEquals(id, decode(receive(other)).transactionId());

            flooder.setSoTimeout(500);
            long bytesReceived = 0;
            int answers = 0;
            try {
                while (true) {
                    bytesReceived += receive(flooder).getLength();
                    answers++;
                }
            } catch (SocketTimeoutException done) {
                // all answers are in
            }
            long dropped = collector.stunDropped(StunDrop.RATE_LIMITED) - rateLimited
                    + collector.stunDropped(StunDrop.CREDIT_EXHAUSTED) - creditExhausted;
            assertTrue(bytesReceived <= bytesSent + SourceLimits.CREDIT_BYTES,
                    bytesReceived + " bytes received > " + bytesSent + " sent + credit");
            assertTrue(collector.stunDropped(StunDrop.RATE_LIMITED) > rateLimited, "no request was rate-limited");
            assertTrue(collector.stunDropped(StunDrop.CREDIT_EXHAUSTED) > creditExhausted, "credit never ran out");
            // Each bare answer costs 36 bytes of credit: at most 4096 / 36 = 113 of them.
            assertTrue(answers <= SourceLimits.CREDIT_BYTES / 36, answers + " answers");
            // Every request is answered or counted, but for any the kernel dropped on a busy machine.
            assertTrue(answers + dropped <= requests && answers + dropped >= requests * 9 / 10,
                    answers + " answered + " + dropped + " dropped of " + requests);
        }
    }
}
