package io.netready.agent.media;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of {@code tshark -q -z rtp,streams}: Wireshark's own RTP stream analysis (RFC 3550
 * jitter from capture timestamps), the independent reference the tests compare against.
 */
record WiresharkStream(long packets, long lost, double meanJitterMs) {

    /**
     * The row of the stream sent from {@code sourceIp}. Columns: start, end, src ip, src port,
     * dst ip, dst port, SSRC, payload, packets, lost (n (x%)), min/mean/max delta, min/mean/max
     * jitter, problem flag.
     */
    static WiresharkStream find(String table, String sourceIp) {
        Pattern row = Pattern.compile("^\\s*\\S+\\s+\\S+\\s+" + Pattern.quote(sourceIp)
                + "\\s+\\d+\\s+\\S+\\s+\\d+\\s+0x\\p{XDigit}+\\s+.+?\\s+(\\d+)\\s+(-?\\d+)\\s+\\([^)]*\\)"
                + "\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+\\s+([\\d.]+)\\s+[\\d.]+", Pattern.MULTILINE);
        Matcher m = row.matcher(table);
        if (!m.find()) {
            throw new AssertionError("no RTP stream from " + sourceIp + " in:\n" + table);
        }
        return new WiresharkStream(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Double.parseDouble(m.group(3)));
    }
}
