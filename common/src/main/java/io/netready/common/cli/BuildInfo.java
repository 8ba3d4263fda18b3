package io.netready.common.cli;

/** The version the build stamped into the jar manifest. */
public final class BuildInfo {

    private BuildInfo() {
    }

    /** e.g. "0.1.0-SNAPSHOT"; "dev" when run from classes rather than a built jar. */
    public static String version() {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
