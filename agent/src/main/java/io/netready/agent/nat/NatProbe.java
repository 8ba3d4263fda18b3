package io.netready.agent.nat;

import io.netready.agent.nat.StunTransactions.Transaction;
import io.netready.agent.nat.StunTransactions.Wait;
import io.netready.common.net.HostPort;
import io.netready.common.stun.ChangeRequest;
import io.netready.common.stun.TransactionId;
import io.netready.proto.NatResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The NAT part of a probe: RFC 5780 NAT behaviour discovery, all tests at once on one thread.
 *
 * <p>Three groups of tests run concurrently, each on its own sockets so that none opens another's
 * filter: the mapping tests on the caller's socket (the one whose mapping the result reports, and
 * media later uses) to the primary address, the alternate IP and the alternate IP and port, all
 * sent at once when the alternate is known up front, else as soon as the first answer names it
 * (OTHER-ADDRESS); the filtering tests on a fresh socket that sends only to the primary address
 * (plain, CHANGE-REQUEST IP and port, CHANGE-REQUEST port); and the hairpin test on a pair of
 * fresh sockets, the second sending to the first's mapped address once it is known.
 */
public final class NatProbe {

    private final DatagramChannel mappingSocket;
    private final DatagramChannel filteringSocket;
    private final DatagramChannel hairpinTarget;
    private final DatagramChannel hairpinSender;
    private final StunServerAddresses server;
    private final StunTransactions stun;
    private Optional<InetSocketAddress> alternate;
    private Transaction mappingPrimary;
    private Transaction mappingAlternateIp;
    private Transaction mappingAlternateBoth;
    private Transaction filteringPrimary;
    private Transaction filteringChangeBoth;
    private Transaction filteringChangePort;
    private Transaction hairpin;

    private NatProbe(DatagramChannel mappingSocket, DatagramChannel filteringSocket, DatagramChannel hairpinTarget,
                     DatagramChannel hairpinSender, StunServerAddresses server, StunTransactions stun) {
        this.mappingSocket = mappingSocket;
        this.filteringSocket = filteringSocket;
        this.hairpinTarget = hairpinTarget;
        this.hairpinSender = hairpinSender;
        this.server = server;
        this.stun = stun;
        this.alternate = server.alternate();
    }

    /**
     * Discovers the NAT behaviour between {@code socket} and {@code server}.
     *
     * @param socket the socket whose mapping is reported; left open and in its blocking mode
     * @param knownRttMs a round trip to the server measured another way (0 if none), for the first
     *     retransmission timeout
     */
    public static NatResult run(DatagramChannel socket, StunServerAddresses server, double knownRttMs) {
        long start = System.nanoTime();
        try {
            InetAddress localIp = ((InetSocketAddress) socket.getLocalAddress()).getAddress();
            try (DatagramChannel filtering = open(localIp); DatagramChannel target = open(localIp);
                 DatagramChannel sender = open(localIp); StunTransactions stun = new StunTransactions(knownRttMs)) {
                NatProbe probe = new NatProbe(socket, filtering, target, sender, server, stun);
                probe.start();
                stun.run();
                return NatClassifier.classify(probe.observations())
                        .setDurationMs((System.nanoTime() - start) / 1_000_000).build();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("NAT discovery against " + HostPort.format(server.primary())
                    + " failed: " + e.getMessage(), e);
        }
    }

    private static DatagramChannel open(InetAddress localIp) throws IOException {
        return DatagramChannel.open().bind(new InetSocketAddress(localIp, 0));
    }

    private void start() throws IOException {
        InetSocketAddress primary = server.primary();
        mappingPrimary = binding(mappingSocket, primary, Optional.empty(), Wait.ANSWER, t -> {
            learnAlternate(t);
            startMappingAlternates();
        });
        startMappingAlternates();
        filteringPrimary = binding(filteringSocket, primary, Optional.empty(), Wait.ANSWER, this::learnAlternate);
        filteringChangeBoth = binding(filteringSocket, primary, Optional.of(new ChangeRequest(true, true)),
                Wait.SILENCE, t -> {
                    if (t.reply().isPresent()) {
                        stun.cancel(filteringChangePort); // endpoint-independent: test III tells nothing more
                    }
                });
        filteringChangePort = binding(filteringSocket, primary, Optional.of(new ChangeRequest(false, true)),
                Wait.SILENCE, t -> { });
        binding(hairpinTarget, primary, Optional.empty(), Wait.ANSWER, this::startHairpin);
    }

    private void learnAlternate(Transaction t) {
        if (alternate.isEmpty()) {
            alternate = t.reply().flatMap(StunReply::otherAddress);
        }
    }

    /** RFC 5780 §4.3 tests II and III, once the alternate is known and has its own IP. */
    private void startMappingAlternates() {
        if (mappingAlternateIp != null || alternate.isEmpty()
                || alternate.get().getAddress().equals(server.primary().getAddress())) {
            return;
        }
        InetSocketAddress other = alternate.get();
        try {
            mappingAlternateIp = binding(mappingSocket, new InetSocketAddress(other.getAddress(),
                    server.primary().getPort()), Optional.empty(), Wait.ANSWER, t -> { });
            mappingAlternateBoth = binding(mappingSocket, other, Optional.empty(), Wait.ANSWER, t -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 5780 §4.5: from the second socket to the first one's mapped address, unless there is no NAT. */
    private void startHairpin(Transaction targetBinding) {
        Optional<InetSocketAddress> mapped = targetBinding.reply().flatMap(StunReply::mapped);
        if (mapped.isEmpty() || isLocal(mapped.get())) {
            return;
        }
        try {
            TransactionId id = TransactionId.random();
            hairpin = stun.start(hairpinSender, mapped.get(), hairpinTarget,
                    BindingRequests.binding(id, mapped.get(), Optional.empty()), id, Wait.SILENCE, t -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Transaction binding(DatagramChannel from, InetSocketAddress to, Optional<ChangeRequest> change, Wait wait,
                                Consumer<Transaction> onSettled) throws IOException {
        TransactionId id = TransactionId.random();
        return stun.start(from, to, from, BindingRequests.binding(id, to, change), id, wait, onSettled);
    }

    private DiscoveryObservations observations() throws IOException {
        Optional<StunTest> mapping = test(mappingPrimary);
        boolean local = mapping.flatMap(StunTest::mapped).filter(NatProbe::isLocal).isPresent()
                && mapping.get().mapped().get().getPort() == mapping.get().sentFrom().getPort();
        return new DiscoveryObservations(server, alternate, mapping, test(mappingAlternateIp),
                test(mappingAlternateBoth), test(filteringPrimary), test(filteringChangeBoth),
                test(filteringChangePort), test(hairpin), local);
    }

    private static Optional<StunTest> test(Transaction t) throws IOException {
        return t == null ? Optional.empty() : Optional.of(t.test());
    }

    /** Whether the address is one of this host's, on any interface: then no NAT translated it. */
    private static boolean isLocal(InetSocketAddress address) {
        try {
            return NetworkInterface.getByInetAddress(address.getAddress()) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
