package io.netready.collector.session;

import io.netready.collector.media.MediaSession;
import java.time.Instant;

/**
 * One open probe session.
 *
 * @param tag carried in each of the session's RTP packets so the reflector finds the key
 * @param key HMAC key of the session's RTP (common.rtp.RtpAuth)
 */
public record ProbeSession(String id, int tag, String site, byte[] key, MediaSession media, Instant expiresAt) {
}
