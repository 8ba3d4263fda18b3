package io.netready.agent.nat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything NAT discovery saw, before any verdict: the input of {@link NatClassifier}. Tests that
 * did not run are empty.
 *
 * @param alternate the server's other address, from the session or the first OTHER-ADDRESS seen
 * @param mappingPrimary Binding to the primary address (RFC 5780 §4.3 test I), on the socket
 *     whose mapping the result reports
 * @param mappingAlternateIp the same socket to the alternate IP, primary port (§4.3 test II)
 * @param mappingAlternateBoth the same socket to the alternate IP and port (§4.3 test III)
 * @param filteringPrimary Binding to the primary from a fresh socket that sends nowhere else (§4.4 test I)
 * @param filteringChangeBoth that socket, CHANGE-REQUEST change IP and port (§4.4 test II)
 * @param filteringChangePort that socket, CHANGE-REQUEST change port (§4.4 test III)
 * @param hairpin a request from a second socket to a first socket's mapped address (§4.5);
 *     its "reply" is that request arriving at the first socket
 * @param mappedIsLocal the mapped IP is an address of one of this host's interfaces
 */
record DiscoveryObservations(StunServerAddresses server, Optional<InetSocketAddress> alternate,
                             Optional<StunTest> mappingPrimary, Optional<StunTest> mappingAlternateIp,
                             Optional<StunTest> mappingAlternateBoth, Optional<StunTest> filteringPrimary,
                             Optional<StunTest> filteringChangeBoth, Optional<StunTest> filteringChangePort,
                             Optional<StunTest> hairpin, boolean mappedIsLocal) {

    /** Every test that ran towards the server (the hairpin request goes to ourselves). */
    List<StunTest> serverTests() {
        return Stream.of(mappingPrimary, mappingAlternateIp, mappingAlternateBoth, filteringPrimary,
                filteringChangeBoth, filteringChangePort).flatMap(Optional::stream).toList();
    }
}
