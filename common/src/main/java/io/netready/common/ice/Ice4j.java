package io.netready.common.ice;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The process-wide settings ice4j reads once, made before the first ice4j class reads them.
 *
 * <p>ice4j takes its configuration from system properties (through Typesafe Config, which caches
 * them at first use), so they are set here, not per agent:
 * <ul>
 *   <li>no AWS harvester: its detection is an HTTP request to 169.254.169.254 from every agent;</li>
 *   <li>no STUN mapping harvesters or static mappings (their defaults are already empty, stated
 *       here so that a stray {@code application.conf} cannot add them): candidates come from the
 *       harvesters each {@link IcePeer} is given;</li>
 *   <li>gathering from a STUN or TURN server gives up after {@link #HARVEST_TIMEOUT_SECONDS}
 *       instead of 15 s, so that a site with UDP blocked learns it within the check's time box.</li>
 * </ul>
 * ice4j logs through java.util.logging: those records go to slf4j like ours, and ice4j's own INFO
 * chatter (one line per gathering, per check list, per state) is held back to warnings.
 */
public final class Ice4j {

    /** Room for the first 5 transmissions of a Binding request (ice4j: 100, 200, 400, 800, 1600 ms apart). */
    public static final int HARVEST_TIMEOUT_SECONDS = 3;

    /** Strong references: java.util.logging forgets the level of a logger nobody holds. */
    private static final Logger ICE4J_LOG = Logger.getLogger("org.ice4j");
    private static final Logger JITSI_LOG = Logger.getLogger("org.jitsi");
    /** jicoco-config names its logger by the simple class name. */
    private static final Logger JITSI_CONFIG_LOG = Logger.getLogger("JitsiConfig");

    private static boolean configured;

    private Ice4j() {
    }

    /** Applies the settings; idempotent, and a no-op after the first call. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        configured = true;
        System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
        System.setProperty("org.ice4j.ice.harvest.DISABLE_AWS_HARVESTER", "true");
        System.setProperty("ice4j.harvest.timeout", HARVEST_TIMEOUT_SECONDS + " seconds");
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        ICE4J_LOG.setLevel(Level.WARNING);
        JITSI_LOG.setLevel(Level.WARNING);
        JITSI_CONFIG_LOG.setLevel(Level.WARNING);
    }
}
