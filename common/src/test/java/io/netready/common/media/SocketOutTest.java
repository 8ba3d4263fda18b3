package io.netready.common.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SocketOutTest {

    @Test
    void deliversAndCountsWhatThisHostFailedToSend() throws Exception {
        try (DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel sender = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress to = (InetSocketAddress) receiver.getLocalAddress();
            AtomicLong failures = new AtomicLong();
            SocketOut out = new SocketOut(sender, failures);

            out.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), to);
            ByteBuffer got = ByteBuffer.allocate(16);
            receiver.receive(got);
            assertEquals(3, got.flip().remaining());
            assertEquals(0, failures.get());

            sender.close();
            out.send(ByteBuffer.wrap(new byte[] {4}), to);
            out.send(ByteBuffer.wrap(new byte[] {5}), to);
            assertEquals(2, failures.get(), "sends on a closed socket are counted, not thrown");
        }
    }
}
