package io.netready.agent.probe;

import com.google.protobuf.util.Timestamps;
import io.netready.agent.client.CollectorClient;
import io.netready.agent.client.HandshakeRtt;
import io.netready.agent.ice.IceCheck;
import io.netready.agent.lifetime.BindingLifetime;
import io.netready.agent.media.MediaCalls;
import io.netready.agent.nat.NatProbe;
import io.netready.agent.nat.StunServerAddresses;
import io.netready.common.cli.BuildInfo;
import io.netready.common.grade.Grader;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.net.HostPort;
import io.netready.proto.CloseSessionRequest;
import io.netready.proto.CloseSessionResponse;
import io.netready.proto.MediaPlan;
import io.netready.proto.OpenSessionRequest;
import io.netready.proto.OpenSessionResponse;
import io.netready.proto.ProbeOutcome;
import io.netready.proto.ProbeResult;
import io.netready.proto.RunFailure;
import io.netready.proto.SubmitResultRequest;
import io.netready.proto.SubmitResultResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One probe run against a collector: open a session, learn the mapped address by STUN, run the
 * synthetic calls, close the session (which returns the collector's view of the upstream), and
 * upload the result or grade it locally.
 */
public final class Probe {

    /** {@code RunFailure.stage} of a failure outside the parts: opening or closing the session. */
    public static final String STAGE_SESSION = "session";

    private final CollectorClient collector;
    private final ProbeListener listener;

    public Probe(CollectorClient collector, ProbeListener listener) {
        this.collector = collector;
        this.listener = listener;
    }

    /**
     * Runs the probe; the result is graded by the collector, or locally with {@code localPolicy}
     * when {@code upload} is false.
     */
    public ProbeOutcome run(ProbeOptions options, boolean upload, GradingPolicy localPolicy) {
        ProbeResult result = measure(options);
        if (!upload) {
            return gradedLocally(result, localPolicy);
        }
        listener.phase("uploading the result");
        SubmitResultResponse submitted = collector.results(
                s -> s.submitResult(SubmitResultRequest.newBuilder().setResult(result).build()));
        return ProbeOutcome.newBuilder().setResult(result).setReport(submitted.getReport()).setUploaded(true)
                .build();
    }

    /**
     * NAT discovery alone against {@code options.stunServer()}, with no collector at all (e.g. against
     * coturn): graded locally with {@code policy}, never uploaded.
     */
    public static ProbeOutcome natOnly(ProbeOptions options, ProbeListener listener, GradingPolicy policy) {
        InetSocketAddress stun = options.stunServer().orElseThrow();
        ProbeResult.Builder result = newResult(options);
        listener.phase("NAT discovery against " + HostPort.format(stun));
        List<DatagramChannel> sockets = MediaCalls.openSockets(stun, 1);
        try {
            result.setNat(NatProbe.run(sockets.get(0), StunServerAddresses.of(stun), 0));
        } finally {
            MediaCalls.closeSockets(sockets);
        }
        return gradedLocally(result.setFinishedAt(Timestamps.fromMillis(System.currentTimeMillis())).build(), policy);
    }

    private static ProbeOutcome gradedLocally(ProbeResult result, GradingPolicy policy) {
        return ProbeOutcome.newBuilder().setResult(result).setUploaded(false)
                .setReport(new Grader(policy).grade(result.getSite(), List.of(result), Instant.now()))
                .build();
    }

    private static ProbeResult.Builder newResult(ProbeOptions options) {
        return ProbeResult.newBuilder()
                .setResultId(UUID.randomUUID().toString())
                .setSite(options.site())
                .setAgentId(localHostName())
                .setAgentVersion(BuildInfo.version())
                .setStartedAt(Timestamps.fromMillis(System.currentTimeMillis()));
    }

    /** Runs the measurements only; a failure throws. */
    public ProbeResult measure(ProbeOptions options) {
        return measure(options, newResult(options), stage -> { });
    }

    /**
     * Runs the measurements; a failure (collector unreachable, a part that throws) still yields a
     * result, with the parts measured before it and {@code failure} naming the stage: for the
     * daemon, whose results are the record of a site's outages too.
     */
    public ProbeResult measureRecordingFailure(ProbeOptions options) {
        ProbeResult.Builder result = newResult(options);
        AtomicReference<String> stage = new AtomicReference<>(STAGE_SESSION);
        try {
            return measure(options, result, stage::set);
        } catch (RuntimeException e) {
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            // The collector stores at most 1000 characters of it.
            message = message.length() > 1000 ? message.substring(0, 997) + "..." : message;
            return result.setFailure(RunFailure.newBuilder().setStage(stage.get()).setMessage(message))
                    .setFinishedAt(Timestamps.fromMillis(System.currentTimeMillis())).build();
        }
    }

    private ProbeResult measure(ProbeOptions options, ProbeResult.Builder result, Consumer<String> stage) {
        result.setCollector(collector.address().toString());

        listener.phase("opening a session with the collector at " + collector.address());
        long openStart = System.nanoTime();
        OpenSessionResponse session = collector.sessions(s -> s.openSession(OpenSessionRequest.newBuilder()
                .setSite(options.site())
                .setAgentId(result.getAgentId())
                .setAgentVersion(result.getAgentVersion())
                .addAllTests(options.tests())
                .setMedia(MediaPlan.newBuilder()
                        .setCodec(options.codec().cliName())
                        .setCalls(options.calls())
                        .setDurationMs((int) options.duration().toMillis())
                        .setPlayoutDelayMs(options.playoutDelayMs()))
                .build()));
        // The call is an upper bound of the round trip (it includes connection set-up); a TCP
        // handshake to the same port measures the network's part of it.
        double controlRttMs = HandshakeRtt.measure(address(collector.address().host(), collector.address().port()),
                (System.nanoTime() - openStart) / 1e6);

        InetSocketAddress stun = address(session.getStun().getHost(), session.getStun().getPort());
        InetSocketAddress media = address(session.getMedia().getHost(), session.getMedia().getPort());
        List<DatagramChannel> sockets = MediaCalls.openSockets(media, options.calls());
        try {
            if (options.runs(ProbeOptions.NAT)) {
                stage.accept(ProbeOptions.NAT);
                StunServerAddresses nat = options.stunServer().map(StunServerAddresses::of)
                        .orElseGet(() -> collectorStun(session, stun));
                listener.phase("NAT discovery against " + HostPort.format(nat.primary()));
                // The first call's socket: the mapping discovery reports is the one its media uses. The
                // control channel's round trip says nothing about another server's.
                result.setNat(NatProbe.run(sockets.get(0), nat, options.stunServer().isPresent() ? 0 : controlRttMs));
            }
            if (options.runs(ProbeOptions.ICE)) {
                stage.accept(ProbeOptions.ICE);
                listener.phase("ICE connectivity check with " + stun.getAddress().getHostAddress()
                        + options.turn().map(t -> " (relay " + t + ")").orElse(""));
                result.setIce(new IceCheck(offer -> collector.sessions(s -> s.exchangeIce(offer)), stun,
                        options.turn(), IceCheck.DEFAULT_TIMEOUT).run(session.getSessionId()));
            }
            CloseSessionRequest.Builder close = CloseSessionRequest.newBuilder().setSessionId(session.getSessionId());
            MediaCalls calls = null;
            if (options.runs(ProbeOptions.MEDIA)) {
                stage.accept(ProbeOptions.MEDIA);
                listener.phase("synthetic " + options.codec().cliName() + " call" + (options.calls() > 1 ? "s" : "")
                        + " to " + HostPort.format(media));
                calls = new MediaCalls(sockets, media, session.getSessionTag(), session.getSessionKey().toByteArray(),
                        options.codec(), options.duration(), options.playoutDelayMs());
                close.addAllUpstream(calls.run(listener));
            }
            stage.accept(calls != null ? ProbeOptions.MEDIA : STAGE_SESSION);
            CloseSessionResponse closed = collector.sessions(s -> s.closeSession(close.build()));
            if (calls != null) {
                result.setMedia(calls.result(closed));
            }
            if (options.runs(ProbeOptions.LIFETIME)) {
                stage.accept(ProbeOptions.LIFETIME);
                // After the session: the test needs only the STUN server, and minutes of idling
                // should not hold a session open.
                result.setLifetime(new BindingLifetime(stun, options.lifetimeMaxSeconds(), listener)
                        .run(controlRttMs));
            }
        } finally {
            MediaCalls.closeSockets(sockets);
        }
        return result.setFinishedAt(Timestamps.fromMillis(System.currentTimeMillis())).build();
    }

    private static StunServerAddresses collectorStun(OpenSessionResponse session, InetSocketAddress stun) {
        Optional<InetSocketAddress> alternate = session.hasStunAlternate()
                ? Optional.of(address(session.getStunAlternate().getHost(), session.getStunAlternate().getPort()))
                : Optional.empty();
        return new StunServerAddresses(stun, alternate, session.getStunUntestableList());
    }

    private static InetSocketAddress address(String host, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException("the collector advertised '" + host + "', which does not resolve here", e);
        }
    }

    /** This host's name, as agents identify themselves and as the default site name. */
    public static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
