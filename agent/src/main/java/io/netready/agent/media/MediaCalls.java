package io.netready.agent.media;

import io.netready.agent.probe.Probe;
import io.netready.agent.probe.ProbeListener;
import io.netready.common.media.MediaStream;
import io.netready.common.media.MediaWarmUp;
import io.netready.common.media.SocketOut;
import io.netready.common.media.Pacer;
import io.netready.common.media.VoiceCodec;
import io.netready.common.quality.StreamQuality;
import io.netready.common.rtcp.RtcpAuth;
import io.netready.common.rtcp.RtcpCompound;
import io.netready.common.rtp.RtpAuth;
import io.netready.common.rtp.RtpPacket;
import io.netready.proto.CallResult;
import io.netready.proto.CloseSessionResponse;
import io.netready.proto.MediaResult;
import io.netready.proto.StreamOrigin;
import io.netready.proto.StreamStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's synthetic calls: one UDP socket per call (as real phones have), the upstream sent
 * by the {@link Pacer}, the collector's downstream received by one thread over all sockets.
 */
public final class MediaCalls {

    private static final long PROGRESS_NANOS = 250_000_000L;
    /** After the last packet: how long the downstream may lag before it counts as ended. */
    private static final long DRAIN_QUIET_NANOS = 500_000_000L;
    private static final long DRAIN_MAX_NANOS = 3_000_000_000L;
    /** How often calls that receive nothing still get their RTCP reports out. */
    private static final long REPORT_SWEEP_NANOS = 50_000_000L;

    private final List<DatagramChannel> sockets;
    private final InetSocketAddress collector;
    private final VoiceCodec codec;
    private final Duration duration;
    private final int playoutDelayMs;
    private final int packets;
    private final List<MediaStream> streams = new ArrayList<>();
    private final int tag;
    private final byte[] key;
    private final AtomicLong notSent = new AtomicLong();
    private volatile boolean receiving = true;

    public MediaCalls(List<DatagramChannel> sockets, InetSocketAddress collector, int tag, byte[] key,
                      VoiceCodec codec, Duration duration, int playoutDelayMs) {
        this.sockets = sockets;
        this.collector = collector;
        this.codec = codec;
        this.duration = duration;
        this.playoutDelayMs = playoutDelayMs;
        this.packets = (int) (duration.toMillis() / VoiceCodec.PACKET_INTERVAL_MS);
        this.tag = tag;
        this.key = key;
        String cname = "netready-agent@" + Probe.localHostName();
        for (DatagramChannel socket : sockets) {
            streams.add(new MediaStream(cname, codec, packets, playoutDelayMs, key, tag,
                    new SocketOut(socket, notSent), collector));
        }
    }

    /** Sockets for {@code calls} calls, bound to the local address that routes to the collector. */
    public static List<DatagramChannel> openSockets(InetSocketAddress collector, int calls) {
        List<DatagramChannel> sockets = new ArrayList<>();
        try {
            InetSocketAddress local;
            try (DatagramChannel probe = DatagramChannel.open()) {
                // Connecting a UDP socket sends nothing; it asks the kernel which source address routes there.
                probe.connect(collector);
                local = new InetSocketAddress(((InetSocketAddress) probe.getLocalAddress()).getAddress(), 0);
            }
            for (int i = 0; i < calls; i++) {
                sockets.add(DatagramChannel.open().bind(local));
            }
            return sockets;
        } catch (IOException e) {
            closeSockets(sockets);
            throw new UncheckedIOException("cannot open UDP sockets towards " + collector + ": " + e.getMessage(), e);
        }
    }

    public static void closeSockets(List<DatagramChannel> sockets) {
        for (DatagramChannel s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Closing is best effort; the process is about to report anyway.
            }
        }
    }

    /**
     * Runs the calls for the planned duration, reporting progress, and returns what each call
     * sent, for the collector's upstream statistics.
     */
    public List<StreamOrigin> run(ProbeListener listener) {
        MediaWarmUp.run(codec);
        Thread receiver = new Thread(this::receive, "netready-media-receiver");
        receiver.setDaemon(true);
        receiver.setPriority(Thread.MAX_PRIORITY);
        receiver.start();
        long start = System.nanoTime();
        try (Pacer pacer = new Pacer("netready-pacer")) {
            long interval = VoiceCodec.PACKET_INTERVAL_MS * 1_000_000L;
            for (int i = 0; i < streams.size(); i++) {
                // Staggered across the packet interval, so N calls never fall due at once.
                pacer.add(streams.get(i).sender(), start + 5_000_000L + interval * i / streams.size(), interval);
            }
            while (!streams.stream().allMatch(s -> s.sender().done())) {
                sleepNanos(PROGRESS_NANOS);
                report(listener, start);
            }
            drain(listener, start);
        } finally {
            receiving = false;
            try {
                receiver.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return streams.stream().map(s -> s.sender().origin()).toList();
    }

    /** Waits until the downstream has ended: everything arrived, or nothing new for a while. */
    private void drain(ProbeListener listener, long start) {
        long expected = (long) packets * streams.size();
        long drainStart = System.nanoTime();
        long last = received();
        long lastChange = drainStart;
        while (received() < expected && System.nanoTime() - lastChange < DRAIN_QUIET_NANOS
                && System.nanoTime() - drainStart < DRAIN_MAX_NANOS) {
            sleepNanos(50_000_000L);
            long now = received();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        report(listener, start);
    }

    private void report(ProbeListener listener, long start) {
        double jitter = streams.stream().mapToDouble(s -> s.receiver().currentJitterMs()).max().orElse(0);
        long sent = streams.stream().mapToLong(s -> s.sender().sent()).sum();
        listener.media(new ProbeListener.MediaProgress(Math.min((System.nanoTime() - start) / 1e9,
                duration.toMillis() / 1000.0), duration.toMillis() / 1000.0, sent, received(), jitter));
    }

    private long received() {
        return streams.stream().mapToLong(s -> s.receiver().received()).sum();
    }

    /** The receiving thread: one selector over every call's socket. */
    private void receive() {
        RtpPacket packet = new RtpPacket();
        RtpAuth auth = new RtpAuth(key, tag);
        RtcpCompound report = new RtcpCompound();
        RtcpAuth reportAuth = new RtcpAuth(key, tag);
        ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        long lastSweep = System.nanoTime();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < sockets.size(); i++) {
                sockets.get(i).configureBlocking(false);
                sockets.get(i).register(selector, SelectionKey.OP_READ, streams.get(i));
            }
            while (receiving) {
                selector.select(50);
                for (SelectionKey k : selector.selectedKeys()) {
                    DatagramChannel socket = (DatagramChannel) k.channel();
                    MediaStream stream = (MediaStream) k.attachment();
                    SocketAddress from;
                    while ((from = socket.receive(buffer.clear())) != null) {
                        long arrival = System.nanoTime();
                        buffer.flip();
                        // Only the collector's authenticated downstream counts; RTCP shares the socket (RFC 5761).
                        if (!collector.equals(from)) {
                            continue;
                        }
                        if (RtcpCompound.isRtcp(buffer)) {
                            if (report.parse(buffer) == RtcpCompound.Status.OK && reportAuth.verify(report)) {
                                stream.receiver().acceptReport(report, arrival);
                            }
                        } else if (packet.parse(buffer) == RtpPacket.Status.OK && auth.verify(packet)) {
                            stream.receiver().accept(packet, arrival);
                        }
                    }
                    stream.reports().tick(System.nanoTime());
                }
                selector.selectedKeys().clear();
                // Calls that received were ticked above; the sweep serves calls that hear nothing.
                long now = System.nanoTime();
                if (now - lastSweep >= REPORT_SWEEP_NANOS) {
                    lastSweep = now;
                    for (MediaStream stream : streams) {
                        stream.reports().tick(now);
                    }
                }
            }
        } catch (IOException e) {
            if (receiving) {
                throw new UncheckedIOException("receiving media failed: " + e.getMessage(), e);
            }
        }
    }

    /** The media part of the result, once the collector has returned its upstream view. */
    public MediaResult result(CloseSessionResponse closed) {
        List<Long> rtts = new ArrayList<>();
        List<CallResult> calls = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            MediaStream stream = streams.get(i);
            long[] callRtt = stream.receiver().rttMicros();
            for (long r : callRtt) {
                rtts.add(r);
            }
            double rttMs = mean(callRtt) / 1000.0;
            StreamStats up = i < closed.getUpstreamCount() ? closed.getUpstream(i).getStats()
                    : StreamStats.newBuilder().setPacketsSent(stream.sender().sent()).build();
            StreamOrigin downOrigin = i < closed.getDownstreamCount() ? closed.getDownstream(i)
                    : StreamOrigin.getDefaultInstance();
            StreamStats down = stream.receiver().stats(downOrigin);
            calls.add(CallResult.newBuilder()
                    .setCall(i + 1)
                    .setUpstream(StreamQuality.rate(up, codec, rttMs, playoutDelayMs))
                    .setDownstream(StreamQuality.rate(down, codec, rttMs, playoutDelayMs))
                    .setRttMs(rttMs)
                    .build());
        }
        long[] all = rtts.stream().mapToLong(Long::longValue).sorted().toArray();
        MediaResult.Builder r = MediaResult.newBuilder()
                .setCodec(codec.cliName())
                .setCalls(streams.size())
                .setPacketIntervalMs(VoiceCodec.PACKET_INTERVAL_MS)
                .setPayloadBytes(codec.payloadBytes())
                .setPlayoutDelayMs(playoutDelayMs)
                .setDurationMs(duration.toMillis())
                .setRttMs(mean(all) / 1000.0)
                .setRttP95Ms(all.length == 0 ? 0 : all[(int) Math.ceil(0.95 * all.length) - 1] / 1000.0)
                .setWireKbps(WireRate.kbps(codec, streams.size()))
                .setPacketsNotSent(notSent.get())
                .setUpstream(CallStatsCombiner.combine(calls.stream().map(CallResult::getUpstream).toList()))
                .setDownstream(CallStatsCombiner.combine(calls.stream().map(CallResult::getDownstream).toList()));
        if (calls.size() > 1) {
            r.addAllPerCall(calls);
        }
        return r.build();
    }

    private static double mean(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        double sum = 0;
        for (long v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
