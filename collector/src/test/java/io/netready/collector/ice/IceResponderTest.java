package io.netready.collector.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.common.ice.IcePeer;
import io.netready.proto.Endpoint;
import io.netready.proto.IceAnswer;
import io.netready.proto.IceCandidate;
import io.netready.proto.IceOffer;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ice4j.ice.IceProcessingState;
import org.junit.jupiter.api.Test;

/** The collector's ICE side without a gRPC server: a real controlling ice4j peer on loopback offers to it. */
class IceResponderTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static IcePeer offerer() throws Exception {
        return IcePeer.gather(true, List.of(LOOPBACK), List.of());
    }

    private static IceOffer offer(String session, IcePeer peer) {
        return IceOffer.newBuilder().setSessionId(session).setCredentials(peer.credentials())
                .addAllCandidates(peer.candidates()).build();
    }

    @Test
    void answersWithItsHostCandidateAndConnectsThenFreesTheAgent() throws Exception {
        try (IceResponder responder = new IceResponder(List.of(LOOPBACK), 4);
             IcePeer agent = offerer()) {
            IceAnswer answer = responder.answer("s1", offer("s1", agent), List.of());
            assertEquals(1, answer.getCandidatesCount());
            assertEquals("host", answer.getCandidates(0).getType());
            assertEquals(LOOPBACK.getHostAddress(), answer.getCandidates(0).getAddress().getHost());
            assertEquals(1, responder.running());

            CountDownLatch done = new CountDownLatch(1);
            agent.onStateChange(s -> {
                if (s.isOver()) {
                    done.countDown();
                }
            });
            agent.start(answer.getCredentials(), answer.getCandidatesList());
            assertTrue(done.await(10, TimeUnit.SECONDS), agent.pairStates());
            assertTrue(agent.state().isEstablished(), agent.state() + ": " + agent.pairStates());
            // The collector's agent terminates a few seconds after the nomination and is freed.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (responder.running() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(0, responder.running());
            // Freed, but the session has had its check.
            assertFalse(assertThrows(IceResponder.Refused.class,
                    () -> responder.answer("s1", offer("s1", agent), List.of())).busy());
        }
    }

    @Test
    void refusesBeyondItsCapWithABusyReasonAndTakesMoreOnceFreed() throws Exception {
        try (IceResponder responder = new IceResponder(List.of(LOOPBACK), 1);
             IcePeer a = offerer(); IcePeer b = offerer()) {
            responder.answer("s1", offer("s1", a), List.of());
            IceResponder.Refused busy = assertThrows(IceResponder.Refused.class,
                    () -> responder.answer("s2", offer("s2", b), List.of()));
            assertTrue(busy.busy());
            assertTrue(busy.getMessage().contains("limit"), busy.getMessage());
            responder.release("s1");
            responder.answer("s2", offer("s2", b), List.of());
            assertEquals(1, responder.running());
        }
    }

    @Test
    void malformedOffersAreRefusedSayingWhatIsWrongAndHoldNoAgent() throws Exception {
        try (IceResponder responder = new IceResponder(List.of(LOOPBACK), 1); IcePeer a = offerer()) {
            IceOffer good = offer("s", a);
            IceCandidate c = good.getCandidates(0);
            List<IceOffer> bad = List.of(
                    good.toBuilder().clearCandidates().build(),
                    good.toBuilder().setCredentials(good.getCredentials().toBuilder().setPassword("short")).build(),
                    good.toBuilder().setCandidates(0, c.toBuilder().setType("bogus")).build(),
                    good.toBuilder().setCandidates(0, c.toBuilder().setTransport("tcp")).build(),
                    good.toBuilder().setCandidates(0, c.toBuilder().setPriority(0)).build(),
                    good.toBuilder().setCandidates(0, c.toBuilder().setAddress(
                            Endpoint.newBuilder().setHost("collector.example.net").setPort(1))).build(),
                    good.toBuilder().setCandidates(0, c.toBuilder().setAddress(
                            Endpoint.newBuilder().setHost("127.0.0.1").setPort(70000))).build());
            for (IceOffer offer : bad) {
                IceResponder.Refused e = assertThrows(IceResponder.Refused.class,
                        () -> responder.answer("s", offer, List.of()));
                assertFalse(e.busy());
                assertTrue(e.getMessage().startsWith("ICE offer: "), e.getMessage());
                assertEquals(0, responder.running(), "a refused offer must not hold an agent");
            }
            // The one slot is still free.
            responder.answer("s", good, List.of());
        }
    }

    @Test
    void aSessionRunsOneCheckOnly() throws Exception {
        try (IceResponder responder = new IceResponder(List.of(LOOPBACK), 4); IcePeer a = offerer()) {
            responder.answer("s", offer("s", a), List.of());
            assertFalse(assertThrows(IceResponder.Refused.class,
                    () -> responder.answer("s", offer("s", a), List.of())).busy());
            assertEquals(1, responder.running());
            assertEquals(IceProcessingState.WAITING, a.state());
        }
    }
}
