package io.netready.testbed;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real networks on one machine (../shared/TESTBED.md): a site, a middlebox and a public side, each
 * its own network namespace, joined by veth pairs, with documentation addresses only.
 *
 * <pre>
 * [site] 192.0.2.10 --veth-- 192.0.2.1 [nat] 203.0.113.1 --veth-- [pub] 203.0.113.100, .101
 * </pre>
 *
 * The middlebox routes (no NAT) until a test adds rules to it. Names carry a random prefix per
 * run; {@link #close} kills the processes started in it and deletes the namespaces, also after a
 * failure. Tests skip, with the reason, where root, iproute2 or iptables are missing.
 */
public final class Testbed implements AutoCloseable {

    public static final String SITE_IP = "192.0.2.10";
    public static final String NAT_INSIDE_IP = "192.0.2.1";
    public static final String NAT_OUTSIDE_IP = "203.0.113.1";
    public static final String PUBLIC_IP = "203.0.113.100";
    public static final String PUBLIC_IP_2 = "203.0.113.101";

    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    public final String site;
    public final String nat;
    public final String pub;
    /** The site's interface, and the middlebox's towards the site and towards the public side. */
    public final String siteIf;
    public final String natInsideIf;
    public final String natOutsideIf;
    public final String pubIf;

    private final List<Process> processes = new ArrayList<>();

    private Testbed(String prefix) {
        site = prefix + "-site";
        nat = prefix + "-nat";
        pub = prefix + "-pub";
        siteIf = prefix + "s";
        natInsideIf = prefix + "n1";
        natOutsideIf = prefix + "n2";
        pubIf = prefix + "p";
    }

    /** Skips the calling test where namespaces cannot be made here, saying why. */
    public static void assumeAvailable() {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "namespace tests need root (CI runs them as root)");
        assumeTrue(onPath("ip") && onPath("iptables"),
                "namespace tests need iproute2 and iptables: apt-get install -y iproute2 iptables");
    }

    /**
     * The middlebox kinds of TESTBED.md, each with the RFC 5780 behaviour it has by construction
     * (Linux netfilter), which is the ground truth the NAT tests compare against.
     */
    public enum Middlebox {
        /** Routes only. */
        NO_NAT,
        /** Routes, but lets in only replies to what went out (conntrack). */
        STATEFUL_FIREWALL,
        /** MASQUERADE: keeps the port per source, filters by address and port (conntrack). */
        PORT_RESTRICTED_CONE,
        /** SNAT plus a DNAT of every inbound UDP packet to the site. */
        FULL_CONE,
        /** MASQUERADE --random-fully: a new random port for every destination. */
        SYMMETRIC,
        /** MASQUERADE with forwarded UDP dropped; TCP (gRPC) still passes. */
        UDP_BLOCKED
    }

    /** Site, middlebox and public side, routed end to end. */
    public static Testbed routed() {
        return with(Middlebox.NO_NAT);
    }

    /** Site, middlebox of {@code kind} and public side. */
    public static Testbed with(Middlebox kind) {
        assumeAvailable();
        Testbed t = new Testbed(String.format(Locale.ROOT, "nr%04x", new Random().nextInt(1 << 16)));
        try {
            t.build();
            t.configure(kind);
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    private void build() {
        for (String ns : List.of(site, nat, pub)) {
            run("ip", "netns", "add", ns);
            exec(ns, "ip", "link", "set", "lo", "up");
        }
        run("ip", "link", "add", siteIf, "netns", site, "type", "veth", "peer", "name", natInsideIf, "netns", nat);
        run("ip", "link", "add", natOutsideIf, "netns", nat, "type", "veth", "peer", "name", pubIf, "netns", pub);
        exec(site, "ip", "addr", "add", SITE_IP + "/24", "dev", siteIf);
        exec(site, "ip", "link", "set", siteIf, "up");
        exec(site, "ip", "route", "add", "default", "via", NAT_INSIDE_IP);
        exec(nat, "ip", "addr", "add", NAT_INSIDE_IP + "/24", "dev", natInsideIf);
        exec(nat, "ip", "addr", "add", NAT_OUTSIDE_IP + "/24", "dev", natOutsideIf);
        exec(nat, "ip", "link", "set", natInsideIf, "up");
        exec(nat, "ip", "link", "set", natOutsideIf, "up");
        exec(nat, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        exec(pub, "ip", "addr", "add", PUBLIC_IP + "/24", "dev", pubIf);
        exec(pub, "ip", "addr", "add", PUBLIC_IP_2 + "/24", "dev", pubIf);
        exec(pub, "ip", "link", "set", pubIf, "up");
    }

    private void configure(Middlebox kind) {
        // The public side routes to the site's addresses only where they are not translated: the
        // Internet has no route to a NATed site's inside, and ICE checks must not find one here.
        if (kind == Middlebox.NO_NAT || kind == Middlebox.STATEFUL_FIREWALL) {
            exec(pub, "ip", "route", "add", "192.0.2.0/24", "via", NAT_OUTSIDE_IP);
        }
        switch (kind) {
            case NO_NAT -> { }
            case STATEFUL_FIREWALL -> {
                exec(nat, "iptables", "-P", "FORWARD", "DROP");
                exec(nat, "iptables", "-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED",
                        "-j", "ACCEPT");
                exec(nat, "iptables", "-A", "FORWARD", "-i", natInsideIf, "-o", natOutsideIf, "-j", "ACCEPT");
            }
            case PORT_RESTRICTED_CONE -> masquerade();
            case FULL_CONE -> {
                exec(nat, "iptables", "-t", "nat", "-A", "POSTROUTING", "-o", natOutsideIf, "-j", "SNAT",
                        "--to-source", NAT_OUTSIDE_IP);
                exec(nat, "iptables", "-t", "nat", "-A", "PREROUTING", "-i", natOutsideIf, "-d", NAT_OUTSIDE_IP,
                        "-p", "udp", "-j", "DNAT", "--to-destination", SITE_IP);
            }
            case SYMMETRIC -> exec(nat, "iptables", "-t", "nat", "-A", "POSTROUTING", "-o", natOutsideIf,
                    "-j", "MASQUERADE", "--random-fully");
            case UDP_BLOCKED -> {
                masquerade();
                exec(nat, "iptables", "-A", "FORWARD", "-p", "udp", "-j", "DROP");
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
    }

    private void masquerade() {
        exec(nat, "iptables", "-t", "nat", "-A", "POSTROUTING", "-o", natOutsideIf, "-j", "MASQUERADE");
    }

    /**
     * Sets the middlebox's idle timeout of UDP conntrack entries, both unreplied and "stream"
     * (replied), so that the true binding lifetime is {@code seconds} (TESTBED.md).
     */
    public void udpTimeout(int seconds) {
        exec(nat, "sysctl", "-q", "-w", "net.netfilter.nf_conntrack_udp_timeout=" + seconds);
        exec(nat, "sysctl", "-q", "-w", "net.netfilter.nf_conntrack_udp_timeout_stream=" + seconds);
    }

    /** What a finished command printed, and its exit code. */
    public record Result(int exit, String out, String err) {
    }

    /** Runs a command in a namespace to completion; fails the test if it fails. */
    public String exec(String ns, String... command) {
        return run(inNamespace(ns, command));
    }

    /** Runs a command in a namespace to completion, whatever its exit code. */
    public Result execResult(String ns, String... command) {
        return runResult(inNamespace(ns, command));
    }

    private static String[] inNamespace(String ns, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return full.toArray(String[]::new);
    }

    /** Starts a long-running command in a namespace, its output going to {@code log}. */
    public Process start(String ns, List<String> command, Path log) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            processes.add(p);
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + full + ": " + e.getMessage(), e);
        }
    }

    /** The packet counter of rule {@code ruleNumber} (1-based) of a filter chain in a namespace. */
    public long iptablesPackets(String ns, String chain, int ruleNumber) {
        String listing = exec(ns, "iptables", "-L", chain, "-v", "-x", "-n", "--line-numbers");
        Matcher m = Pattern.compile("(?m)^" + ruleNumber + "\\s+(\\d+)\\s").matcher(listing);
        if (!m.find()) {
            throw new IllegalStateException("no rule " + ruleNumber + " in " + chain + ":\n" + listing);
        }
        return Long.parseLong(m.group(1));
    }

    /** The command line of a Java main class of this build, run on this JVM. */
    public static List<String> java(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Waits until {@code log} has a line containing {@code text}; fails with the log otherwise. */
    public static void awaitLine(Path log, String text, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("'" + text + "' did not appear within " + timeoutMillis + " ms in " + log + ":\n"
                + (Files.exists(log) ? Files.readString(log) : "(no output)"));
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : List.of(site, nat, pub)) {
            quietly("ip", "netns", "del", ns);
        }
    }

    private static String run(String... command) {
        Result r = runResult(command);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + r.exit() + "): " + r.out()
                    + r.err());
        }
        return r.out();
    }

    private static Result runResult(String... command) {
        try {
            Path err = Files.createTempFile("testbed", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " timed out");
                }
                return new Result(p.exitValue(), out, Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static void quietly(String... command) {
        try {
            new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException ignored) {
            // Cleanup is best effort; a leftover namespace has a unique name and harms nothing.
        }
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }
}
