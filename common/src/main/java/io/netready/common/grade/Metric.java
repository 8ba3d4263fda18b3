package io.netready.common.grade;

import io.netready.common.media.VoiceCodec;
import io.netready.common.quality.EModel;
import io.netready.proto.Finding;
import io.netready.proto.ProbeResult;
import io.netready.proto.StreamStats;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * A measured quantity graded against policy thresholds: per run its worst direction, over the
 * window the nearest-rank 95th percentile (SPEC §6), rated good, WARN or FAIL. Each constant
 * only supplies where the value comes from and what to tell the engineer.
 */
enum Metric {
    LOSS("LOSS_HIGH", "High packet loss", "Packet loss", "%", GradingPolicy::loss,
            directional(StreamStats::getLossPercent),
            "Choppy audio and missing syllables; beyond a few percent even good concealment cannot hide it "
                    + "and callers ask each other to repeat.") {
        @Override
        String remedy(Sample p95, GradingPolicy policy) {
            return QOS + " Check the WAN interface counters for drops and errors around the worst run, and keep "
                    + "phones on wired ports: Wi-Fi retries and roaming look exactly like this." + whereToLook(p95);
        }
    },
    BURST_LOSS("BURST_LOSS", "Packets lost in bursts", "Max burst loss", "packets", GradingPolicy::burstLoss,
            directional(StreamStats::getMaxBurstLoss),
            "Whole words drop out: concealment bridges a single lost 20 ms packet, not a run of them.") {
        @Override
        String remedy(Sample p95, GradingPolicy policy) {
            return "Bursts mean something stopped forwarding for tens of milliseconds: a policer with a small burst "
                    + "allowance (raise it, or shape instead of police), a queue overflowing when bulk traffic bursts "
                    + "(give voice DSCP EF (46) a priority queue), Wi-Fi roaming or power save on softphones (compare "
                    + "with a wired port), or a flapping link. Correlate the worst run's time with interface and "
                    + "wireless logs." + whereToLook(p95);
        }
    },
    JITTER("JITTER_HIGH", "High jitter", "Jitter (RFC 3550)", "ms", GradingPolicy::jitter,
            directional(StreamStats::getJitterMs),
            "Robotic or clipped audio: packets arriving later than the jitter buffer waits are discarded, and "
                    + "adaptive buffers that grow to absorb it add delay.") {
        @Override
        String remedy(Sample p95, GradingPolicy policy) {
            return "Jitter is queueing: voice waits behind bulk packets. " + QOS + " Avoid oversubscribed links and "
                    + "Wi-Fi for phones. A deeper jitter buffer (probes assume " + policy.playoutDelayMs()
                    + " ms) hides some jitter at the cost of delay." + whereToLook(p95);
        }
    },
    LATENCY("LATENCY_HIGH", "High latency", "RTT", "ms", GradingPolicy::rtt,
            run -> run.hasMedia() && run.getMedia().getRttMs() > 0
                    ? Stream.of(new Sample(run, run.getMedia().getRttMs(), null))
                    : Stream.empty(),
            "Talk-over and awkward pauses; past about 150 ms one way (ITU-T G.114) conversation suffers and "
                    + "any echo becomes noticeable.") {
        @Override
        String remedy(Sample p95, GradingPolicy policy) {
            VoiceCodec codec = codecOf(p95.run());
            double mouthToEar = EModel.mouthToEarDelayMs(codec, p95.value(), policy.playoutDelayMs());
            return "At this RTT a " + codec.cliName() + " call has about " + Runs.number(mouthToEar, "ms")
                    + " mouth-to-ear delay (half the RTT, 20 ms packets, codec look-ahead, " + policy.playoutDelayMs()
                    + " ms jitter buffer); G.114 recommends at most 150 ms. If jitter is low, the delay is distance and "
                    + "routing: trace the path to the provider's media edge for detours such as a VPN hairpin through "
                    + "head office or a far-away region, break voice out locally and use the provider's nearest "
                    + "regional media edge. If jitter is high too, queueing adds to it: fix QoS first.";
        }
    },
    REORDER("REORDER", "Packets reordered", "Reordering", "%", GradingPolicy::reorder,
            directional(StreamStats::getReorderPercent),
            "Packets that arrive out of order are late for the jitter buffer and are discarded like lost ones.") {
        @Override
        String remedy(Sample p95, GradingPolicy policy) {
            return "Voice packets take different paths: look for per-packet load sharing on the way (ECMP or link "
                    + "bundles hashing per packet, SD-WAN spreading one flow over two links, bonded DSL/LTE) and "
                    + "configure per-flow hashing or pin voice to one path.";
        }
    },
    BINDING_LIFETIME("NAT_BINDING_SHORT", "UDP bindings expire quickly", "UDP binding lifetime", "s",
            GradingPolicy::bindingLifetime,
            // binding_lifetime_seconds is the longest idle time the mapping survived: a lower bound.
            run -> run.hasLifetime() && (run.getLifetime().getBindingLifetimeSeconds() > 0
                    || run.getLifetime().getBindingLifetimeUpperSeconds() > 0)
                    ? Stream.of(new Sample(run, run.getLifetime().getBindingLifetimeSeconds(), null))
                    : Stream.empty(),
            "Calls go silent or drop after a pause (hold, mute, a long silence), and phones stop receiving "
                    + "incoming calls once the mapping their registration uses has expired.") {
        @Override
        String remedy(Sample p95, GradingPolicy policy) {
            long lifetime = (long) p95.value();
            long keepAlive = Math.max(1, KeepaliveAdvice.seconds((int) lifetime));
            return "The site's NAT/firewall forgets an idle UDP mapping after about " + lifetime + " s. Raise its UDP "
                    + "idle timeout for SIP (5060/5061) and the RTP port range to at least "
                    + Runs.number(policy.bindingLifetime().good(), "s") + "; 120–300 s is usual for voice, while "
                    + "consumer and carrier-grade NATs often keep idle UDP for only 30–60 s. Until then keep mappings "
                    + "alive from the endpoints every " + keepAlive + " s or less: SIP keep-alives (CRLF, RFC 5626, or "
                    + "OPTIONS pings) or a NAT keep-alive interval on the phones; the registration interval alone "
                    + "(often 3600 s) is far too long.";
        }
    },
    MOS("MOS_LOW", "Low call quality (MOS)", "MOS (E-model)", "", GradingPolicy::mos,
            // A direction without an E-model score carries 0: not measured, not a score of 0.
            directional(s -> s.getMos() >= 1 ? s.getMos() : Double.NaN),
            "Users rate the calls poorly: below MOS 4.0 (R 80) some users are dissatisfied, below 3.6 (R 70) "
                    + "many are (ITU-T G.107 Annex B).") {
        @Override
        String remedy(Sample p95, GradingPolicy policy) {
            return "MOS sums the delay, loss and codec impairments of the " + codecOf(p95.run()).cliName()
                    + " call (G.107 E-model): act on the loss, jitter and latency findings first; jitter-buffer "
                    + "discards count as loss. The codec matters too: G.729 starts 11 R points below G.711 and "
                    + "conceals loss less well." + whereToLook(p95);
        }
    };

    private static final String QOS = "Mark voice DSCP EF (46) at the phone or access switch and keep the marking "
            + "end to end, give EF a strict-priority queue on the WAN router, and shape the WAN interface to about "
            + "90 % of the contracted rate so that queues build in the router, where QoS applies, not in the modem.";

    private final String code;
    private final String title;
    private final String name;
    private final String unit;
    private final Function<GradingPolicy, Thresholds> thresholds;
    private final Function<ProbeResult, Stream<Sample>> samples;
    private final String impact;

    Metric(String code, String title, String name, String unit, Function<GradingPolicy, Thresholds> thresholds,
           Function<ProbeResult, Stream<Sample>> samples, String impact) {
        this.code = code;
        this.title = title;
        this.name = name;
        this.unit = unit;
        this.thresholds = thresholds;
        this.samples = samples;
        this.impact = impact;
    }

    /** What the engineer can do, given the sample the grade rests on. */
    abstract String remedy(Sample p95, GradingPolicy policy);

    /** The run's value of this metric — the worse direction for media metrics — if it measured one. */
    Optional<Sample> worstSample(ProbeResult run, GradingPolicy policy) {
        return samples.apply(run).filter(s -> !Double.isNaN(s.value())).max(bestFirst(policy));
    }

    /**
     * The finding for this metric over the runs (newest first, so that ties name the newest run),
     * or empty when its 95th percentile is good or no run measured it.
     */
    Optional<Finding> assess(List<ProbeResult> runs, GradingPolicy policy) {
        List<Sample> perRun = runs.stream().flatMap(run -> worstSample(run, policy).stream()).toList();
        if (perRun.isEmpty()) {
            return Optional.empty();
        }
        Sample p95 = Runs.p95(perRun, bestFirst(policy));
        return thresholds.apply(policy).rate(p95.value()).map(severity -> Finding.newBuilder()
                .setCode(code)
                .setSeverity(severity)
                .setTitle(title)
                .setEvidence(evidence(perRun, p95, policy))
                .setImpact(impact)
                .setRemedy(remedy(p95, policy))
                .build());
    }

    /**
     * "Packet loss 4.2 % at p95 over 12 runs (…); policy good ≤ 1 %, warn ≤ 3 %. 5 of 12 runs
     * outside the good range. p95 run: … Worst run: 7.5 % upstream (site → collector) at … (run …)."
     * The p95 run is left out when its value is the worst value.
     */
    private String evidence(List<Sample> perRun, Sample p95, GradingPolicy policy) {
        Thresholds limits = thresholds.apply(policy);
        long notGood = perRun.stream().filter(s -> limits.rate(s.value()).isPresent()).count();
        Sample worst = perRun.stream().max(bestFirst(policy)).orElseThrow();
        String per = p95.direction() == null ? "" : ", worst direction of each run";
        return name + " " + Runs.number(p95.value(), unit) + " at p95 over " + perRun.size()
                + " runs (95 % of runs at least this good" + per + "); policy " + limits.describe(unit) + ". "
                + notGood + " of " + perRun.size() + " runs outside the good range. "
                + (worst.value() == p95.value() ? "" : "p95 run: " + p95.describe(unit) + ". ")
                + "Worst run: " + worst.describe(unit) + ".";
    }

    private Comparator<Sample> bestFirst(GradingPolicy policy) {
        Thresholds limits = thresholds.apply(policy);
        return (a, b) -> limits.compare(a.value(), b.value());
    }

    /** A media metric: one sample per direction that received packets. */
    private static Function<ProbeResult, Stream<Sample>> directional(ToDoubleFunction<StreamStats> value) {
        return run -> Arrays.stream(Direction.values())
                .filter(d -> d.live(run))
                .map(d -> new Sample(run, value.applyAsDouble(d.stats(run).orElseThrow()), d));
    }

    /** Where to act on loss and queueing: the site controls its upstream queue, not its downstream. */
    private static String whereToLook(Sample p95) {
        if (p95.direction() == Direction.UPSTREAM) {
            return " It is worst " + Direction.UPSTREAM.label() + ", on the site's own uplink, where the site "
                    + "router's queueing and shaping decide.";
        }
        if (p95.direction() == Direction.DOWNSTREAM) {
            return " It is worst " + Direction.DOWNSTREAM.label() + ", queued before the site router sees it: "
                    + "shape inbound bulk traffic a little below the downlink rate so that TCP backs off, and ask "
                    + "the ISP to honour EF on the access circuit.";
        }
        return "";
    }

    /** The run's codec profile; results name it as on the command line, G.711 when they do not. */
    private static VoiceCodec codecOf(ProbeResult run) {
        String name = run.getMedia().getCodec();
        return Arrays.stream(VoiceCodec.values())
                .filter(c -> c.cliName().equalsIgnoreCase(name))
                .findFirst()
                .orElse(VoiceCodec.G711);
    }
}
