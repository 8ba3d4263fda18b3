package io.netready.agent.nat;

import static io.netready.common.net.HostPort.format;

import io.netready.common.net.HostPort;
import io.netready.proto.ClassicNat;
import io.netready.proto.Filtering;
import io.netready.proto.Mapping;
import io.netready.proto.NatResult;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns what NAT discovery saw into verdicts (RFC 5780 §4), each with the evidence it rests on in
 * words an engineer can check against a capture. Pure: no I/O, so every branch has a plain test.
 */
final class NatClassifier {

    private NatClassifier() {
    }

    /** The verdicts; the caller adds the duration. */
    static NatResult.Builder classify(DiscoveryObservations o) {
        NatResult.Builder r = NatResult.newBuilder();
        List<StunTest> sent = o.serverTests();
        if (sent.stream().noneMatch(StunTest::answered)) {
            int requests = sent.stream().mapToInt(StunTest::transmissions).sum();
            long waited = sent.stream().mapToLong(StunTest::waitedMs).max().orElse(0);
            return r.setUdpBlocked(true)
                    .setMappingBehavior(Mapping.Behavior.UNKNOWN)
                    .setFilteringBehavior(Filtering.Behavior.UNKNOWN)
                    .setClassicType(ClassicNat.Type.UDP_BLOCKED)
                    .addEvidence("no answer to any of " + requests + " STUN Binding requests from " + sent.size()
                            + " sockets to " + format(o.server().primary()) + " within " + waited + " ms: UDP from "
                            + "here to the STUN server is blocked (or every packet was lost)");
        }
        Mapping.Behavior mapping = mapping(o, r);
        Filtering.Behavior filtering = filtering(o, r);
        r.setMappingBehavior(mapping).setFilteringBehavior(filtering);
        if (mapping != Mapping.Behavior.NO_NAT && o.mappingPrimary().flatMap(StunTest::mapped).isPresent()) {
            portPreservation(o, r);
            hairpinning(o, r);
        }
        multipleNat(o, mapping, r);
        ClassicNat.Type classic = classic(mapping, filtering);
        r.setClassicType(classic).addEvidence("classic RFC 3489 type " + classic + " from mapping " + mapping
                + " and filtering " + filtering);
        long retransmitted = sent.stream().filter(t -> t.answered() && t.transmissions() > 1).count();
        if (retransmitted > 0) {
            r.addEvidence(retransmitted + " of the answered STUN requests needed more than one transmission: "
                    + "UDP is lossy on this path");
        }
        return r;
    }

    /** RFC 5780 §4.3: does the mapping stay the same towards another address, another port? */
    private static Mapping.Behavior mapping(DiscoveryObservations o, NatResult.Builder r) {
        Optional<StunTest> first = o.mappingPrimary();
        Optional<InetSocketAddress> x1 = first.flatMap(StunTest::mapped);
        if (x1.isEmpty()) {
            r.addEvidence(first.map(t -> "no mapped address: no answer to " + t.unanswered())
                    .orElse("no mapped address: the mapping test did not run") + "; mapping behaviour unknown");
            return Mapping.Behavior.UNKNOWN;
        }
        StunTest t1 = first.get();
        r.setLocalAddress(format(t1.sentFrom())).setMappedAddress(format(x1.get()))
                .setStunRttMs(t1.reply().orElseThrow().rttMs());
        if (o.mappedIsLocal()) {
            r.addEvidence("Binding from " + format(t1.sentFrom()) + " to " + format(t1.sentTo()) + " mapped to "
                    + format(x1.get()) + ", an address of this host's own interfaces: no NAT between here and the "
                    + "server (hairpinning and port preservation do not apply)");
            return Mapping.Behavior.NO_NAT;
        }
        String base = "Binding from " + format(t1.sentFrom()) + " to " + format(t1.sentTo()) + " mapped to "
                + format(x1.get());
        if (o.alternate().isEmpty()) {
            r.addEvidence(base + "; the server sent no OTHER-ADDRESS (it has no second address"
                    + untestable(o) + "), so mapping behaviour cannot be told (RFC 5780 §4.3 needs two)");
            return Mapping.Behavior.UNKNOWN;
        }
        if (o.alternate().get().getAddress().equals(o.server().primary().getAddress())) {
            r.addEvidence(base + "; the server's other address " + format(o.alternate().get()) + " has the same IP, "
                    + "so mapping behaviour cannot be told (RFC 5780 §4.3 needs a second IP address)");
            return Mapping.Behavior.UNKNOWN;
        }
        Optional<StunTest> second = o.mappingAlternateIp();
        Optional<InetSocketAddress> x2 = second.flatMap(StunTest::mapped);
        if (x2.isEmpty()) {
            r.addEvidence(base + "; no mapped address came back from the server's other address ("
                    + second.map(StunTest::unanswered).orElse("not tested") + "): mapping behaviour unknown");
            return Mapping.Behavior.UNKNOWN;
        }
        String via2 = "Binding to " + format(second.get().sentTo()) + " mapped to " + format(x2.get());
        if (x2.get().equals(x1.get())) {
            r.addEvidence(via2 + ", same as via " + format(t1.sentTo())
                    + ": endpoint-independent mapping (RFC 5780 §4.3)");
            return Mapping.Behavior.ENDPOINT_INDEPENDENT;
        }
        Optional<StunTest> third = o.mappingAlternateBoth();
        Optional<InetSocketAddress> x3 = third.flatMap(StunTest::mapped);
        if (x3.isEmpty()) {
            r.addEvidence(via2 + ", not " + format(x1.get()) + " as via " + format(t1.sentTo())
                    + ", but no answer from the other port (" + third.map(StunTest::unanswered).orElse("not tested")
                    + ") to tell address- from address-and-port-dependent: mapping behaviour unknown");
            return Mapping.Behavior.UNKNOWN;
        }
        String via3 = "Binding to " + format(third.get().sentTo()) + " mapped to " + format(x3.get());
        if (x3.get().equals(x2.get())) {
            r.addEvidence(via2 + " (not " + format(x1.get()) + " as via " + format(t1.sentTo()) + "); " + via3
                    + ", the same for the same IP: address-dependent mapping (RFC 5780 §4.3)");
            return Mapping.Behavior.ADDRESS_DEPENDENT;
        }
        r.addEvidence(base + "; " + via2 + "; " + via3 + ": a new mapping for every destination address and port: "
                + "address- and port-dependent mapping (RFC 5780 §4.3)");
        return Mapping.Behavior.ADDRESS_AND_PORT_DEPENDENT;
    }

    /**
     * RFC 5780 §4.4: the filtering socket sent only to the primary address; does an answer from
     * another address (CHANGE-REQUEST ip+port) or another port (port only) get in?
     */
    private static Filtering.Behavior filtering(DiscoveryObservations o, NatResult.Builder r) {
        Optional<StunTest> first = o.filteringPrimary();
        if (first.isEmpty() || !first.get().answered()) {
            r.addEvidence("filtering behaviour unknown: the filtering socket's plain Binding got no answer ("
                    + first.map(StunTest::unanswered).orElse("not tested") + "), so silence proves nothing");
            return Filtering.Behavior.UNKNOWN;
        }
        InetSocketAddress primary = o.server().primary();
        String socket = "socket " + format(first.get().sentFrom()) + " (which sent only to " + format(primary) + ")";
        Optional<InetSocketAddress> alternate = o.alternate();
        boolean twoAddresses = alternate.isPresent() && !alternate.get().getAddress().equals(primary.getAddress());
        boolean twoPorts = alternate.isPresent() && alternate.get().getPort() != primary.getPort();
        if (!twoPorts) {
            r.addEvidence("filtering behaviour unknown: the server has no other address or port to answer from"
                    + untestable(o) + " (RFC 5780 §4.4 needs one)");
            return Filtering.Behavior.UNKNOWN;
        }
        Optional<StunTest> both = o.filteringChangeBoth().filter(t -> twoAddresses);
        if (both.isPresent() && both.get().answered()) {
            StunReply reply = both.get().reply().get();
            if (reply.isError()) {
                return serverRefused(r, "change IP and port", reply);
            }
            if (reply.from().getAddress().equals(primary.getAddress())) {
                return serverIgnored(r, "change IP and port", reply);
            }
            r.addEvidence("Binding with CHANGE-REQUEST(change IP and port) was answered from " + format(reply.from())
                    + " and reached " + socket + ": endpoint-independent filtering (RFC 5780 §4.4)");
            return Filtering.Behavior.ENDPOINT_INDEPENDENT;
        }
        Optional<StunTest> port = o.filteringChangePort();
        if (port.isEmpty()) {
            r.addEvidence("filtering behaviour unknown: the change-port test did not run");
            return Filtering.Behavior.UNKNOWN;
        }
        String bothSilent = both.map(t -> "CHANGE-REQUEST(change IP and port): nothing reached " + socket + " ("
                + t.unanswered() + "); ").orElse("");
        if (port.get().answered()) {
            StunReply reply = port.get().reply().get();
            if (reply.isError()) {
                return serverRefused(r, "change port", reply);
            }
            if (reply.from().equals(primary)) {
                return serverIgnored(r, "change port", reply);
            }
            if (!twoAddresses) {
                r.addEvidence("CHANGE-REQUEST(change port) was answered from " + format(reply.from()) + " and reached "
                        + socket + ": filtering is not port-dependent; endpoint-independent or address-dependent "
                        + "cannot be told with a server of one IP address (RFC 5780 §4.4)");
                return Filtering.Behavior.UNKNOWN;
            }
            r.addEvidence(bothSilent + "CHANGE-REQUEST(change port) was answered from " + format(reply.from())
                    + " and got in: address-dependent filtering (RFC 5780 §4.4)");
            return Filtering.Behavior.ADDRESS_DEPENDENT;
        }
        r.addEvidence(bothSilent + "CHANGE-REQUEST(change port): nothing reached it either (" + port.get().unanswered()
                + "), while its plain Binding was answered in " + fmt(first.get().reply().get().rttMs())
                + " ms: address- and port-dependent filtering (RFC 5780 §4.4)");
        return Filtering.Behavior.ADDRESS_AND_PORT_DEPENDENT;
    }

    private static Filtering.Behavior serverRefused(NatResult.Builder r, String test, StunReply reply) {
        r.addEvidence("filtering behaviour unknown: the server answered CHANGE-REQUEST(" + test + ") with error "
                + reply.errorCode() + " from " + format(reply.from()) + ": it cannot serve that test");
        return Filtering.Behavior.UNKNOWN;
    }

    private static Filtering.Behavior serverIgnored(NatResult.Builder r, String test, StunReply reply) {
        r.addEvidence("filtering behaviour unknown: the server answered CHANGE-REQUEST(" + test + ") from "
                + format(reply.from()) + ", the address it was sent to: it ignores CHANGE-REQUEST (RFC 3489-only?)");
        return Filtering.Behavior.UNKNOWN;
    }

    /** Whether every mapping seen kept the local port: what phones with fixed SIP/RTP ports rely on. */
    private static void portPreservation(DiscoveryObservations o, NatResult.Builder r) {
        int local = o.mappingPrimary().orElseThrow().sentFrom().getPort();
        List<InetSocketAddress> mapped = Stream.of(o.mappingPrimary(), o.mappingAlternateIp(), o.mappingAlternateBoth())
                .flatMap(Optional::stream).map(StunTest::mapped).flatMap(Optional::stream).toList();
        boolean kept = mapped.stream().allMatch(a -> a.getPort() == local);
        r.setPortPreserved(kept).addEvidence("local port " + local + (kept ? " kept" : " not kept") + " in "
                + (mapped.size() == 1 ? "the mapping " : "the mappings ")
                + String.join(", ", mapped.stream().map(HostPort::format).toList())
                + (kept ? ": port preserved" : ": port not preserved"));
    }

    /** RFC 5780 §4.5: does a packet to the site's own mapped address come back in? */
    private static void hairpinning(DiscoveryObservations o, NatResult.Builder r) {
        if (o.hairpin().isEmpty()) {
            r.addEvidence("hairpinning not tested: no mapped address to send to");
            return;
        }
        StunTest t = o.hairpin().get();
        String what = "a Binding request from " + format(t.sentFrom()) + " to this site's own mapped address "
                + format(t.sentTo());
        if (t.answered()) {
            r.setHairpinning(true).addEvidence(what + " came back in (from " + format(t.reply().get().from())
                    + "): the NAT hairpins (RFC 5780 §4.5)");
        } else {
            r.setHairpinning(false).addEvidence(what + " never arrived (" + t.unanswered()
                    + "): no hairpinning (RFC 5780 §4.5)");
        }
    }

    /** A private or shared (carrier NAT) mapped address, or a different IP per server address. */
    private static void multipleNat(DiscoveryObservations o, Mapping.Behavior mapping, NatResult.Builder r) {
        if (mapping == Mapping.Behavior.NO_NAT) {
            return;
        }
        Optional<InetSocketAddress> x1 = o.mappingPrimary().flatMap(StunTest::mapped);
        if (x1.isPresent() && behindAnotherNat(x1.get().getAddress())) {
            r.setMultipleNat(true).addEvidence("the server sees " + format(x1.get()) + ", a private (RFC 1918) or "
                    + "shared carrier-NAT (RFC 6598, 100.64.0.0/10) address: another NAT lies beyond this one");
        }
        Optional<InetSocketAddress> x2 = o.mappingAlternateIp().flatMap(StunTest::mapped);
        if (x1.isPresent() && x2.isPresent() && !x1.get().getAddress().equals(x2.get().getAddress())) {
            r.setMultipleNat(true).addEvidence("the two server addresses see different IPs ("
                    + x1.get().getAddress().getHostAddress() + " and " + x2.get().getAddress().getHostAddress()
                    + "): more than one NAT, or a NAT with a pool of addresses, is in the path");
        }
    }

    static boolean behindAnotherNat(InetAddress a) {
        if (a.isSiteLocalAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        return a instanceof Inet4Address && (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64;
    }

    /** RFC 3489 §5's names, from RFC 5780's two behaviours. */
    static ClassicNat.Type classic(Mapping.Behavior mapping, Filtering.Behavior filtering) {
        return switch (mapping) {
            case NO_NAT -> switch (filtering) {
                case ENDPOINT_INDEPENDENT -> ClassicNat.Type.OPEN_INTERNET;
                case ADDRESS_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT -> ClassicNat.Type.SYMMETRIC_UDP_FIREWALL;
                default -> ClassicNat.Type.UNKNOWN;
            };
            case ENDPOINT_INDEPENDENT -> switch (filtering) {
                case ENDPOINT_INDEPENDENT -> ClassicNat.Type.FULL_CONE;
                case ADDRESS_DEPENDENT -> ClassicNat.Type.RESTRICTED_CONE;
                case ADDRESS_AND_PORT_DEPENDENT -> ClassicNat.Type.PORT_RESTRICTED_CONE;
                default -> ClassicNat.Type.UNKNOWN;
            };
            case ADDRESS_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT -> ClassicNat.Type.SYMMETRIC;
            default -> ClassicNat.Type.UNKNOWN;
        };
    }

    private static String untestable(DiscoveryObservations o) {
        return o.server().untestable().isEmpty() ? "" : "; it says: " + String.join("; ", o.server().untestable());
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }
}
