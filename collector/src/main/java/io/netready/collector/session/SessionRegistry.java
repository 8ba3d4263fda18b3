package io.netready.collector.session;

import io.netready.collector.media.MediaSession;
import io.netready.common.media.VoiceCodec;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The probe sessions that are open. A session lets one agent use the UDP services for a limited
 * time; its key authenticates the agent's RTP so the reflector never answers strangers.
 */
public final class SessionRegistry {

    /** A session that is not closed is dropped this long after its media should have ended. */
    static final Duration GRACE = Duration.ofSeconds(60);
    /** Bounds the work one agent can ask for. */
    public static final int MAX_CALLS = 1000;
    public static final Duration MAX_DURATION = Duration.ofMinutes(10);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, ProbeSession> byId = new ConcurrentHashMap<>();
    private final Map<Integer, ProbeSession> byTag = new ConcurrentHashMap<>();
    private final List<Consumer<ProbeSession>> onRemove = new CopyOnWriteArrayList<>();

    /** Has {@code listener} told of every session removed, closed or expired: to free what it holds for it. */
    public void onRemove(Consumer<ProbeSession> listener) {
        onRemove.add(listener);
    }

    /** Opens a session for {@code calls} calls of {@code duration}. */
    public ProbeSession open(String site, VoiceCodec codec, int calls, Duration duration, int playoutDelayMs,
                             Instant now) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        String id = UUID.randomUUID().toString();
        Instant expires = now.plus(duration).plus(GRACE);
        while (true) {
            int tag = random.nextInt();
            ProbeSession session = new ProbeSession(id, tag, site, key,
                    new MediaSession(codec, calls, duration, playoutDelayMs, key, tag), expires);
            if (byTag.putIfAbsent(tag, session) == null) {
                byId.put(id, session);
                return session;
            }
        }
    }

    public Optional<ProbeSession> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Looks a session up by the tag its RTP carries; null when none (hot path: no Optional). */
    public ProbeSession byTag(int tag) {
        return byTag.get(tag);
    }

    /** Removes a session; its media stops. */
    public void remove(ProbeSession session) {
        byId.remove(session.id());
        byTag.remove(session.tag());
        session.media().stop();
        onRemove.forEach(l -> l.accept(session));
    }

    /** Drops sessions whose agent never closed them. */
    public int expire(Instant now) {
        int n = 0;
        for (ProbeSession s : byId.values()) {
            if (s.expiresAt().isBefore(now)) {
                remove(s);
                n++;
            }
        }
        return n;
    }

    public int size() {
        return byId.size();
    }
}
