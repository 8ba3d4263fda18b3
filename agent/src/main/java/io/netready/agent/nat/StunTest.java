package io.netready.agent.nat;

import io.netready.common.net.HostPort;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * One request of NAT discovery and its outcome.
 *
 * @param sentFrom the local socket the request left from
 * @param sentTo where it was sent
 * @param transmissions how many times it was sent
 * @param waitedMs from the first transmission until the answer, or until discovery stopped waiting
 * @param reply what came back, empty if nothing did
 */
record StunTest(InetSocketAddress sentFrom, InetSocketAddress sentTo, int transmissions, long waitedMs,
                Optional<StunReply> reply) {

    Optional<InetSocketAddress> mapped() {
        return reply.flatMap(StunReply::mapped);
    }

    boolean answered() {
        return reply.isPresent();
    }

    /** "3 Binding requests to 203.0.113.100:3478 over 750 ms", for evidence of an absence. */
    String unanswered() {
        return String.format(Locale.ROOT, "%d request%s to %s over %d ms", transmissions,
                transmissions == 1 ? "" : "s", HostPort.format(sentTo), waitedMs);
    }
}
