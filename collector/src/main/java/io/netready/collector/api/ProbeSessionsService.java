package io.netready.collector.api;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.netready.collector.media.MediaReflector;
import io.netready.collector.session.ProbeSession;
import io.netready.collector.session.SessionRegistry;
import io.netready.common.media.VoiceCodec;
import io.netready.common.rtp.RtpReceiveStats;
import io.netready.proto.CloseSessionRequest;
import io.netready.proto.CloseSessionResponse;
import io.netready.proto.Endpoint;
import io.netready.proto.OpenSessionRequest;
import io.netready.proto.OpenSessionResponse;
import io.netready.proto.ProbeSessionsGrpc;
import com.google.protobuf.ByteString;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Session control: hands an agent what it needs to probe the UDP services, and the upstream view. */
public final class ProbeSessionsService extends ProbeSessionsGrpc.ProbeSessionsImplBase {

    /**
     * Where the UDP services listen, as an agent should address them.
     *
     * @param stunAlternate the STUN server's (B, P') socket; empty with one address
     * @param stunUntestable the RFC 5780 tests the STUN server cannot serve, and why
     */
    public record UdpEndpoints(InetSocketAddress stun, Optional<InetSocketAddress> stunAlternate,
                               List<String> stunUntestable, InetSocketAddress media) {
    }

    private final SessionRegistry sessions;
    private final MediaReflector reflector;
    private final UdpEndpoints endpoints;
    private final Clock clock;

    public ProbeSessionsService(SessionRegistry sessions, MediaReflector reflector, UdpEndpoints endpoints,
                                Clock clock) {
        this.sessions = sessions;
        this.reflector = reflector;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    @Override
    public void openSession(OpenSessionRequest request, StreamObserver<OpenSessionResponse> response) {
        String problem = ResultValidation.siteProblem(request.getSite(), "site");
        VoiceCodec codec = VoiceCodec.G711;
        int calls = request.getMedia().getCalls() == 0 ? 1 : request.getMedia().getCalls();
        Duration duration = Duration.ofMillis(request.getMedia().getDurationMs());
        if (problem == null && !request.getMedia().getCodec().isEmpty()) {
            try {
                codec = VoiceCodec.fromName(request.getMedia().getCodec());
            } catch (IllegalArgumentException e) {
                problem = "media.codec: " + e.getMessage();
            }
        }
        if (problem == null && (calls < 1 || calls > SessionRegistry.MAX_CALLS)) {
            problem = "media.calls must be 1 to " + SessionRegistry.MAX_CALLS + ", got " + calls;
        }
        if (problem == null && (duration.isNegative() || duration.compareTo(SessionRegistry.MAX_DURATION) > 0)) {
            problem = "media.duration_ms must be 0 to " + SessionRegistry.MAX_DURATION.toMillis()
                    + ", got " + duration.toMillis();
        }
        if (problem == null && (request.getMedia().getPlayoutDelayMs() < 0
                || request.getMedia().getPlayoutDelayMs() > 1000)) {
            problem = "media.playout_delay_ms must be 0 to 1000";
        }
        if (problem != null) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(problem).asRuntimeException());
            return;
        }
        int playoutDelayMs = request.getMedia().getPlayoutDelayMs() == 0
                ? RtpReceiveStats.DEFAULT_PLAYOUT_DELAY_MS : request.getMedia().getPlayoutDelayMs();
        ProbeSession session = sessions.open(request.getSite(), codec, calls, duration, playoutDelayMs,
                clock.instant());
        InetAddress local = LocalAddressInterceptor.LOCAL_ADDRESS.get();
        OpenSessionResponse.Builder r = OpenSessionResponse.newBuilder()
                .setSessionId(session.id())
                .setSessionKey(ByteString.copyFrom(session.key()))
                .setSessionTag(session.tag())
                .setStun(advertise(endpoints.stun(), local))
                .addAllStunUntestable(endpoints.stunUntestable())
                .setMedia(advertise(endpoints.media(), local))
                .setExpiresInSeconds((int) Duration.between(clock.instant(), session.expiresAt()).toSeconds());
        endpoints.stunAlternate().ifPresent(a -> r.setStunAlternate(advertise(a, local)));
        response.onNext(r.build());
        response.onCompleted();
    }

    @Override
    public void closeSession(CloseSessionRequest request, StreamObserver<CloseSessionResponse> response) {
        Optional<ProbeSession> session = sessions.byId(request.getSessionId());
        if (session.isEmpty()) {
            response.onError(Status.NOT_FOUND.withDescription("session " + request.getSessionId()
                    + " is not open (closed already, or expired); open a new one").asRuntimeException());
            return;
        }
        sessions.remove(session.get());
        response.onNext(reflector.finish(session.get(), request.getUpstreamList()));
        response.onCompleted();
    }

    /**
     * A wildcard listen address is no address to send to: advertise the one the agent's gRPC
     * connection arrived on instead, which the agent can evidently reach.
     */
    private static Endpoint advertise(InetSocketAddress bound, InetAddress requestLocal) {
        InetAddress host = bound.getAddress().isAnyLocalAddress() && requestLocal != null
                ? requestLocal : bound.getAddress();
        return Endpoint.newBuilder().setHost(host.getHostAddress()).setPort(bound.getPort()).build();
    }
}
