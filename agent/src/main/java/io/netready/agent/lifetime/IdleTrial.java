package io.netready.agent.lifetime;

import io.netready.common.stun.TransactionId;
import io.netready.proto.LifetimeTrial;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * One socket of the lifetime test (X in docs/lifetime.md): the mapping its first Binding made,
 * how long that mapping must stay idle, and whether an answer still reached it afterwards.
 */
final class IdleTrial {

    enum State {
        /** No answer to the first Binding: this idle time is not tested. */
        UNMAPPED,
        /** The mapping exists and idles until {@link #dueAt}. */
        IDLE,
        /** The probe (from another socket, with RESPONSE-PORT) is out; waiting for its answer here. */
        PROBING,
        ALIVE,
        DEAD,
        /** Not probed: a shorter idle time already killed a mapping, so this one is dead too. */
        SKIPPED
    }

    final int idleSeconds;
    final DatagramChannel socket;
    State state = State.UNMAPPED;
    InetSocketAddress mapped;
    /** When the answer to the first Binding arrived: the mapping's last packet, so idling starts here. */
    long idleSince;

    /** The probe: sent from {@link #sender} (Y), answered to this socket's mapping if it is alive. */
    DatagramChannel sender;
    TransactionId probeId;
    ByteBuffer probe;
    long probeStart;
    int transmissions;

    IdleTrial(int idleSeconds) throws IOException {
        this.idleSeconds = idleSeconds;
        this.socket = DatagramChannel.open().bind(null);
    }

    void mapped(InetSocketAddress address, long at) {
        mapped = address;
        idleSince = at;
        state = State.IDLE;
    }

    long dueAt() {
        return idleSince + idleSeconds * 1_000_000_000L;
    }

    boolean finished() {
        return state != State.IDLE && state != State.PROBING;
    }

    boolean tested() {
        return state == State.ALIVE || state == State.DEAD;
    }

    LifetimeTrial outcome() {
        return LifetimeTrial.newBuilder().setIdleSeconds(idleSeconds).setAlive(state == State.ALIVE).build();
    }

    void close() {
        closeQuietly(sender);
        closeQuietly(socket);
    }

    void closeSender() {
        closeQuietly(sender);
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // Closing a UDP socket fails only if it is already gone; nothing is lost.
        }
    }
}
