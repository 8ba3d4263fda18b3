package io.netready.common.net;

import java.net.InetSocketAddress;

/** Socket addresses as people and results write them: "192.0.2.1:3478", "[2001:db8::1]:3478". */
public final class HostPort {

    private HostPort() {
    }

    public static String format(InetSocketAddress address) {
        return format(address.getAddress().getHostAddress(), address.getPort());
    }

    public static String format(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
