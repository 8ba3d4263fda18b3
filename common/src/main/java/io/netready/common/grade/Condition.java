package io.netready.common.grade;

import io.netready.proto.Filtering;
import io.netready.proto.Finding;
import io.netready.proto.Mapping;
import io.netready.proto.ProbeResult;
import io.netready.proto.Severity;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A yes/no fault of a run: NAT behaviour, ICE, media that does not get through. Over the window
 * it is judged like a metric, by the nearest-rank 95th percentile of the runs that measured it:
 * it is reported when more than 5 % of those runs show it.
 */
enum Condition {
    UDP_BLOCKED("UDP_BLOCKED", Severity.FAIL, "UDP is blocked",
            run -> run.hasNat() || run.hasMedia(),
            Condition::udpBlocked,
            Condition::blockedDetail,
            "Calls set up over TCP or TLS signalling ring and connect, then stay silent in both directions; "
                    + "phones that register over UDP do not register at all.",
            "Allow outbound UDP from the voice devices to the provider's SIP signalling port (5060, or 5061 for "
                    + "TLS) and its RTP media range, and the replies. Opening SIP alone is the usual mistake: calls "
                    + "then connect and stay silent. Give phones and PBX a fixed RTP port range and allow exactly "
                    + "that range, not a single port; SRTP needs the same UDP ports. A firewall that permits only "
                    + "web traffic, or a proxy-only guest network, does this; the rule's hit counters during a test "
                    + "call show the drop, and a test from a mobile hotspot confirms whether the site edge is the "
                    + "cause."),
    ONE_WAY_UPSTREAM("ONE_WAY_AUDIO", Severity.FAIL, "One-way audio: upstream (site → collector) lost",
            run -> Direction.UPSTREAM.stats(run).filter(s -> s.getPacketsSent() > 0).isPresent(),
            run -> oneWay(run, Direction.UPSTREAM),
            Condition::mediaDetail,
            "The far end cannot hear the site's callers, while they hear the far end: \"I can hear you, "
                    + "you can't hear me\". Where the far end latches media (an SBC), nothing comes back either.",
            "RTP from the site never reached the collector. Check the firewall's outbound rule and NAT for the RTP "
                    + "port range towards the provider, and switch off SIP ALG (\"SIP fixup\", \"SIP helper\") on the edge router, which often rewrites SDP addresses or "
                    + "ports wrongly. The phone or PBX must advertise its public address in SDP, or the provider "
                    + "must use symmetric RTP and send to where the site's packets come from."),
    ONE_WAY_DOWNSTREAM("ONE_WAY_AUDIO", Severity.FAIL, "One-way audio: downstream (collector → site) lost",
            run -> Direction.DOWNSTREAM.stats(run).filter(s -> s.getPacketsSent() > 0).isPresent(),
            run -> oneWay(run, Direction.DOWNSTREAM),
            Condition::mediaDetail,
            "The site's callers hear nothing while the far end hears them: \"you can hear me, I can't hear you\".",
            "The collector sent RTP back to the address the site's own RTP came from (symmetric RTP) and it was "
                    + "dropped on the way in. Check the firewall's rule and state tracking for returning RTP (an "
                    + "asymmetric route through a second firewall drops the return leg), switch off SIP ALG on the "
                    + "edge router, and make phones and PBX send and receive RTP on the same port and advertise the "
                    + "address they are reachable at in SDP."),
    ICE_FAILED("ICE_FAILED", Severity.FAIL, "ICE connectivity checks failed",
            ProbeResult::hasIce,
            run -> !run.getIce().getConnected(),
            run -> "no candidate pair connected"
                    + (run.getIce().getFailureReason().isEmpty() ? "" : " (" + run.getIce().getFailureReason() + ")")
                    + " with " + run.getIce().getLocalCandidatesCount() + " local candidates",
            "WebRTC and other ICE-based clients cannot set up media: calls fail after ringing or connect "
                    + "without audio.",
            "Open outbound UDP so that a server-reflexive pair can connect (RFC 8445), or provide a TURN relay "
                    + "reachable over TCP or TLS on port 443 (RFC 8656) so that ICE has a relayed candidate that "
                    + "passes the firewall."),
    NAT_SYMMETRIC("NAT_SYMMETRIC", Severity.WARN, "Symmetric NAT",
            run -> natMeasured(run) && run.getNat().getMappingBehavior() != Mapping.Behavior.UNKNOWN,
            run -> run.getNat().getMappingBehavior() == Mapping.Behavior.ADDRESS_DEPENDENT
                    || run.getNat().getMappingBehavior() == Mapping.Behavior.ADDRESS_AND_PORT_DEPENDENT,
            run -> "mapping " + run.getNat().getMappingBehavior() + " (RFC 5780 §4.3), mapped address "
                    + run.getNat().getMappedAddress(),
            "The public port changes with each destination, so an address learned via STUN is wrong for everyone "
                    + "else: peer-to-peer media fails and needs relaying, and providers that trust the SDP address "
                    + "send audio nowhere.",
            "Anchor media at the SBC or the provider's edge, which latch onto the address they see packets come "
                    + "from, or provide TURN for ICE clients. Where the firewall allows it, give the voice subnet "
                    + "endpoint-independent mapping: a static 1:1 NAT or a persistent-port option for the phones."),
    DOUBLE_NAT("DOUBLE_NAT", Severity.WARN, "More than one NAT in the path",
            Condition::natMeasured,
            run -> run.getNat().getMultipleNat(),
            run -> "mapped address " + run.getNat().getMappedAddress(),
            "Phones and the PBX learn or advertise the wrong public address: one-way audio at this site only, "
                    + "and port forwards on the inner router have no effect.",
            "Put the ISP router in bridge (modem) mode so that the site firewall holds the public address, or "
                    + "configure the real public address as the external address of the PBX/SBC. A mapped address "
                    + "in 100.64.0.0/10 is the ISP's carrier-grade NAT (RFC 6598): ask for a public IPv4 address."),
    FILTERING_STRICT("FILTERING_STRICT", Severity.INFO, "Address- and port-dependent filtering",
            run -> natMeasured(run) && run.getNat().getFilteringBehavior() != Filtering.Behavior.UNKNOWN,
            run -> run.getNat().getFilteringBehavior() == Filtering.Behavior.ADDRESS_AND_PORT_DEPENDENT,
            run -> "filtering " + run.getNat().getFilteringBehavior() + " (RFC 5780 §4.4)",
            "Media is let in only from the exact address and port the site sent to: fine with symmetric RTP, "
                    + "but a provider that sends audio from another port is not heard.",
            "Make sure phones, PBX and SBC use symmetric RTP (send and receive on the same port) and that the "
                    + "SBC latches onto the source it sees; then no firewall change is needed."),
    HAIRPIN_UNSUPPORTED("HAIRPIN_UNSUPPORTED", Severity.INFO, "No NAT hairpinning",
            run -> natMeasured(run) && run.getNat().hasHairpinning(),
            run -> !run.getNat().getHairpinning(),
            run -> "a packet to the site's own mapped address " + run.getNat().getMappedAddress()
                    + " did not come back",
            "Calls between two phones of this site fail when their media is set up via public addresses "
                    + "(STUN/ICE); calls through the provider are not affected.",
            "Keep media between phones of the site local (direct media on the LAN, ICE host candidates), or "
                    + "enable NAT reflection (hairpinning) on the edge router.");

    private final String code;
    private final Severity severity;
    private final String title;
    private final Predicate<ProbeResult> measured;
    private final Predicate<ProbeResult> shows;
    private final Function<ProbeResult, String> detail;
    private final String impact;
    private final String remedy;

    Condition(String code, Severity severity, String title, Predicate<ProbeResult> measured,
              Predicate<ProbeResult> shows, Function<ProbeResult, String> detail, String impact, String remedy) {
        this.code = code;
        this.severity = severity;
        this.title = title;
        this.measured = measured;
        this.shows = shows;
        this.detail = detail;
        this.impact = impact;
        this.remedy = remedy;
    }

    String code() {
        return code;
    }

    /**
     * The finding over the runs (newest first), or empty when no run measured it or at most 5 %
     * of those that did show it.
     */
    Optional<Finding> assess(List<ProbeResult> runs) {
        List<ProbeResult> tested = runs.stream().filter(measured).toList();
        if (tested.isEmpty() || !shows.test(Runs.p95(tested, Comparator.comparing(shows::test)))) {
            return Optional.empty();
        }
        List<ProbeResult> showing = tested.stream().filter(shows).toList();
        ProbeResult latest = showing.get(0);
        return Optional.of(Finding.newBuilder()
                .setCode(code)
                .setSeverity(severity)
                .setTitle(title)
                .setEvidence("Seen in " + showing.size() + " of " + tested.size() + " runs that measured it "
                        + "(reported when more than 5 % do). Latest at " + Runs.label(latest) + ": "
                        + detail.apply(latest) + ".")
                .setImpact(impact)
                .setRemedy(remedy)
                .build());
    }

    /**
     * No STUN answer, or RTP sent and nothing received in any direction while STUN was not there
     * to show that UDP itself passes.
     */
    private static boolean udpBlocked(ProbeResult run) {
        boolean natBlocked = run.hasNat() && run.getNat().getUdpBlocked();
        boolean mediaBlocked = Arrays.stream(Direction.values()).anyMatch(d -> d.dead(run))
                && Arrays.stream(Direction.values()).noneMatch(d -> d.live(run));
        return natBlocked || mediaBlocked && !natMeasured(run);
    }

    /**
     * One direction lost while the other got through. The collector sends downstream only once it
     * has latched onto upstream packets (symmetric RTP, as an SBC does), so when the upstream is
     * lost there may be no downstream to compare: if STUN answered, UDP itself passes and it is the
     * upstream RTP that is blocked.
     */
    private static boolean oneWay(ProbeResult run, Direction lost) {
        if (!lost.dead(run)) {
            return false;
        }
        if (lost.opposite().live(run)) {
            return true;
        }
        return lost == Direction.UPSTREAM && natMeasured(run)
                && Direction.DOWNSTREAM.stats(run).filter(s -> s.getPacketsSent() == 0).isPresent();
    }

    /** NAT was tested and answered, so its behaviour verdicts mean something. */
    private static boolean natMeasured(ProbeResult run) {
        return run.hasNat() && !run.getNat().getUdpBlocked();
    }

    private static String blockedDetail(ProbeResult run) {
        String stun = run.hasNat() && run.getNat().getUdpBlocked() ? "no STUN response came back" : "";
        return Stream.of(stun, mediaDetail(run)).filter(part -> !part.isEmpty()).collect(Collectors.joining("; "));
    }

    /** "upstream (site → collector): 0 of 500 packets received; downstream (…): 497 of 500 …". */
    private static String mediaDetail(ProbeResult run) {
        return Arrays.stream(Direction.values())
                .filter(d -> d.stats(run).isPresent())
                .map(d -> d.counts(run))
                .collect(Collectors.joining("; "));
    }
}
