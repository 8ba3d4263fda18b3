package io.netready.agent.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CollectorAddressTest {

    @Test
    void parsesHostPortForms() {
        assertEquals(new CollectorAddress("collector.example.net", 7401), CollectorAddress.parse("collector.example.net:7401"));
        assertEquals(new CollectorAddress("192.0.2.7", 7400), CollectorAddress.parse("192.0.2.7"));
        assertEquals(new CollectorAddress("2001:db8::1", 7402), CollectorAddress.parse("[2001:db8::1]:7402"));
        assertEquals(new CollectorAddress("2001:db8::1", 7400), CollectorAddress.parse("[2001:db8::1]"));
        assertEquals("[2001:db8::1]:7402", CollectorAddress.parse("[2001:db8::1]:7402").toString());
    }

    @Test
    void rejectsBadPortsAndEmptyHosts() {
        assertEquals("'h:0': port '0' is not a number from 1 to 65535",
                assertThrows(IllegalArgumentException.class, () -> CollectorAddress.parse("h:0")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CollectorAddress.parse("h:http"));
        assertThrows(IllegalArgumentException.class, () -> CollectorAddress.parse(":7400"));
    }
}
