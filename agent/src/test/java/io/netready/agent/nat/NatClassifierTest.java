package io.netready.agent.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.proto.ClassicNat;
import io.netready.proto.Filtering;
import io.netready.proto.Mapping;
import io.netready.proto.NatResult;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** From what came back (or did not) to verdicts, without a network. */
class NatClassifierTest {

    static final InetSocketAddress LOCAL = addr("192.0.2.10", 5000);
    static final InetSocketAddress FILTER_LOCAL = addr("192.0.2.10", 5001);
    static final InetSocketAddress PRIMARY = addr("203.0.113.100", 3478);
    static final InetSocketAddress ALT_IP = addr("203.0.113.101", 3478);
    static final InetSocketAddress ALT = addr("203.0.113.101", 3479);
    static final InetSocketAddress PRIMARY_ALT_PORT = addr("203.0.113.100", 3479);

    static InetSocketAddress addr(String ip, int port) {
        return new InetSocketAddress(ip, port);
    }

    static Optional<StunTest> answered(InetSocketAddress from, InetSocketAddress to, InetSocketAddress mapped,
                                       InetSocketAddress replyFrom) {
        return Optional.of(new StunTest(from, to, 1, 2, Optional.of(new StunReply(Optional.of(mapped), replyFrom,
                Optional.of(ALT), 0, 1.0))));
    }

    static Optional<StunTest> silent(InetSocketAddress from, InetSocketAddress to) {
        return Optional.of(new StunTest(from, to, 4, 750, Optional.empty()));
    }

    /** A NAT at 203.0.113.1 with the given mappings towards primary, alt IP, alt IP+port. */
    static DiscoveryObservations nat(int p1, int p2, int p3, boolean changeBoth, boolean changePort) {
        InetSocketAddress m = addr("203.0.113.1", 6000);
        return new DiscoveryObservations(new StunServerAddresses(PRIMARY, Optional.empty(), List.of()),
                Optional.of(ALT),
                answered(LOCAL, PRIMARY, addr("203.0.113.1", p1), PRIMARY),
                answered(LOCAL, ALT_IP, addr("203.0.113.1", p2), ALT_IP),
                answered(LOCAL, ALT, addr("203.0.113.1", p3), ALT),
                answered(FILTER_LOCAL, PRIMARY, m, PRIMARY),
                changeBoth ? answered(FILTER_LOCAL, PRIMARY, m, ALT) : silent(FILTER_LOCAL, PRIMARY),
                changePort ? answered(FILTER_LOCAL, PRIMARY, m, PRIMARY_ALT_PORT) : silent(FILTER_LOCAL, PRIMARY),
                silent(addr("192.0.2.10", 5003), addr("203.0.113.1", 6001)), false);
    }

    @Test
    void sameMappingEverywhereAndOnlyTheSameAddressAndPortGetInIsPortRestrictedCone() {
        NatResult r = NatClassifier.classify(nat(5000, 5000, 5000, false, false)).build();
        assertEquals(Mapping.Behavior.ENDPOINT_INDEPENDENT, r.getMappingBehavior());
        assertEquals(Filtering.Behavior.ADDRESS_AND_PORT_DEPENDENT, r.getFilteringBehavior());
        assertEquals(ClassicNat.Type.PORT_RESTRICTED_CONE, r.getClassicType());
        assertTrue(r.getPortPreserved());
        assertFalse(r.getHairpinning());
        assertEquals("203.0.113.1:5000", r.getMappedAddress());
        assertEquals("192.0.2.10:5000", r.getLocalAddress());
        assertTrue(r.getEvidence(0).contains("Binding to 203.0.113.101:3478 mapped to 203.0.113.1:5000, same as via "
                + "203.0.113.100:3478: endpoint-independent mapping"), r.getEvidence(0));
    }

    @Test
    void answerFromAnotherAddressGettingInIsFullCone() {
        NatResult r = NatClassifier.classify(nat(5000, 5000, 5000, true, false)).build();
        assertEquals(Filtering.Behavior.ENDPOINT_INDEPENDENT, r.getFilteringBehavior());
        assertEquals(ClassicNat.Type.FULL_CONE, r.getClassicType());
    }

    @Test
    void onlyAnotherPortGettingInIsRestrictedCone() {
        NatResult r = NatClassifier.classify(nat(5000, 5000, 5000, false, true)).build();
        assertEquals(Filtering.Behavior.ADDRESS_DEPENDENT, r.getFilteringBehavior());
        assertEquals(ClassicNat.Type.RESTRICTED_CONE, r.getClassicType());
    }

    @Test
    void newPortPerDestinationIsSymmetricWithoutPortPreservation() {
        NatResult r = NatClassifier.classify(nat(40001, 40002, 40003, false, false)).build();
        assertEquals(Mapping.Behavior.ADDRESS_AND_PORT_DEPENDENT, r.getMappingBehavior());
        assertEquals(ClassicNat.Type.SYMMETRIC, r.getClassicType());
        assertFalse(r.getPortPreserved());
    }

    @Test
    void samePortPerDestinationIpIsAddressDependentMapping() {
        NatResult r = NatClassifier.classify(nat(40001, 40002, 40002, false, false)).build();
        assertEquals(Mapping.Behavior.ADDRESS_DEPENDENT, r.getMappingBehavior());
        assertEquals(ClassicNat.Type.SYMMETRIC, r.getClassicType());
    }

    @Test
    void ownInterfaceAddressIsNoNatWithoutHairpinOrPortVerdicts() {
        DiscoveryObservations o = nat(5000, 5000, 5000, true, false);
        DiscoveryObservations open = new DiscoveryObservations(o.server(), o.alternate(),
                answered(LOCAL, PRIMARY, LOCAL, PRIMARY), answered(LOCAL, ALT_IP, LOCAL, ALT_IP),
                answered(LOCAL, ALT, LOCAL, ALT), o.filteringPrimary(), o.filteringChangeBoth(),
                o.filteringChangePort(), Optional.empty(), true);
        NatResult r = NatClassifier.classify(open).build();
        assertEquals(Mapping.Behavior.NO_NAT, r.getMappingBehavior());
        assertEquals(ClassicNat.Type.OPEN_INTERNET, r.getClassicType());
        assertFalse(r.hasHairpinning());
        assertFalse(r.hasPortPreserved());
        assertTrue(r.getEvidence(0).contains("hairpinning and port preservation do not apply"), r.getEvidence(0));
        assertEquals(ClassicNat.Type.SYMMETRIC_UDP_FIREWALL,
                NatClassifier.classic(Mapping.Behavior.NO_NAT, Filtering.Behavior.ADDRESS_AND_PORT_DEPENDENT));
    }

    @Test
    void noAnswerAnywhereIsUdpBlocked() {
        DiscoveryObservations o = new DiscoveryObservations(StunServerAddresses.of(PRIMARY), Optional.empty(),
                silent(LOCAL, PRIMARY), Optional.empty(), Optional.empty(), silent(FILTER_LOCAL, PRIMARY),
                silent(FILTER_LOCAL, PRIMARY), silent(FILTER_LOCAL, PRIMARY), Optional.empty(), false);
        NatResult r = NatClassifier.classify(o).build();
        assertTrue(r.getUdpBlocked());
        assertEquals(ClassicNat.Type.UDP_BLOCKED, r.getClassicType());
        assertTrue(r.getEvidence(0).contains("no answer to any of 16 STUN Binding requests"), r.getEvidence(0));
    }

    @Test
    void serverWithOneAddressLeavesMappingUnknownAndSaysWhy() {
        DiscoveryObservations o = new DiscoveryObservations(
                new StunServerAddresses(PRIMARY, Optional.empty(), List.of("CHANGE-REQUEST: one address only")),
                Optional.empty(), answered(LOCAL, PRIMARY, addr("203.0.113.1", 5000), PRIMARY), Optional.empty(),
                Optional.empty(), answered(FILTER_LOCAL, PRIMARY, addr("203.0.113.1", 5001), PRIMARY),
                silent(FILTER_LOCAL, PRIMARY), silent(FILTER_LOCAL, PRIMARY), Optional.empty(), false);
        NatResult r = NatClassifier.classify(o).build();
        assertEquals(Mapping.Behavior.UNKNOWN, r.getMappingBehavior());
        assertEquals(Filtering.Behavior.UNKNOWN, r.getFilteringBehavior());
        assertEquals(ClassicNat.Type.UNKNOWN, r.getClassicType());
        assertTrue(String.join("\n", r.getEvidenceList()).contains("CHANGE-REQUEST: one address only"));
    }

    @Test
    void carrierNatAddressOrDifferentIpPerServerAddressHintsAtMoreThanOneNat() {
        assertTrue(NatClassifier.behindAnotherNat(addr("100.64.0.1", 1).getAddress()));
        assertTrue(NatClassifier.behindAnotherNat(addr("100.127.255.254", 1).getAddress()));
        assertTrue(NatClassifier.behindAnotherNat(addr("10.1.2.3", 1).getAddress()));
        assertFalse(NatClassifier.behindAnotherNat(addr("100.128.0.1", 1).getAddress()));
        assertFalse(NatClassifier.behindAnotherNat(addr("203.0.113.1", 1).getAddress()));
        DiscoveryObservations o = nat(5000, 5000, 5000, false, false);
        DiscoveryObservations pooled = new DiscoveryObservations(o.server(), o.alternate(), o.mappingPrimary(),
                answered(LOCAL, ALT_IP, addr("203.0.113.2", 5000), ALT_IP), o.mappingAlternateBoth(),
                o.filteringPrimary(), o.filteringChangeBoth(), o.filteringChangePort(), o.hairpin(), false);
        assertTrue(NatClassifier.classify(pooled).build().getMultipleNat());
        assertFalse(NatClassifier.classify(o).build().getMultipleNat());
    }
}
