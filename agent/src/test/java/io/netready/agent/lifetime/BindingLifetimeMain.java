package io.netready.agent.lifetime;

import io.netready.agent.probe.ProbeListener;
import io.netready.common.json.ProtoJson;
import java.net.InetSocketAddress;

/**
 * Runs the binding lifetime test alone against any RFC 5780 STUN server, without a collector:
 * {@code BindingLifetimeMain HOST PORT MAX_SECONDS}. The tests and bench/lifetime.sh start it in
 * the site namespace against coturn; the result is printed as JSON, progress goes to stderr.
 */
public final class BindingLifetimeMain {

    private BindingLifetimeMain() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: BindingLifetimeMain HOST PORT MAX_SECONDS");
            System.exit(2);
        }
        ProbeListener progress = new ProbeListener() {
            @Override
            public void phase(String description) {
                System.err.println(description);
            }

            @Override
            public void progress(String status) {
                System.err.println(status);
            }
        };
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        System.out.println(ProtoJson.print(
                new BindingLifetime(server, Integer.parseInt(args[2]), progress).run(0)));
    }
}
