package io.netready.collector.grading;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.netready.proto.Grade;
import io.netready.proto.GradeChange;
import io.netready.proto.SiteReport;
import io.netready.proto.SiteSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells {@code WatchGrades} subscribers when a site's grade or ready flag changes. {@link #publish}
 * takes each new report; every subscriber whose sites match gets the
 * change in a small queue of its own and is sent what its gRPC stream is ready to take. A
 * subscriber that falls {@link #DEFAULT_QUEUE} changes behind is dropped with
 * RESOURCE_EXHAUSTED: ingest never waits for a reader, and the reader reconnects to get the
 * current grades again.
 *
 * <p>Reports come from ingest (a result whose answer carries the report) and from {@link
 * GradeRefresher} (uploads without a report, and a sweep that catches grades decaying as runs
 * leave the window).
 */
public final class GradeBroadcaster implements AutoCloseable {

    /** Changes a subscriber may fall behind by; far more than a burst of sites changing at once. */
    public static final int DEFAULT_QUEUE = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(GradeBroadcaster.class);

    /** What a subscriber was last told, per site. */
    private record State(Grade grade, boolean ready) {
    }

    private final SiteGrading grading;
    private final Clock clock;
    private final int queueLimit;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private Map<String, State> current; // guarded by this; loaded at the first publish or subscribe

    public GradeBroadcaster(SiteGrading grading, Clock clock, int queueLimit) {
        this.grading = grading;
        this.clock = clock;
        this.queueLimit = queueLimit;
    }

    /** After a result was committed: the site's new report, sent on if its grade or ready changed. */
    public void publish(SiteReport report) {
        GradeChange change;
        synchronized (this) {
            if (forgetIfUnwatched()) {
                return;
            }
            State now = new State(report.getGrade(), report.getReady());
            State before = known().put(report.getSite(), now);
            if (now.equals(before)) {
                return;
            }
            change = change(report.getSite(), before == null ? Grade.GRADE_UNSPECIFIED : before.grade(), now);
            // Enqueued under the lock, so that every subscriber sees one site's changes in order.
            for (Subscriber s : subscribers) {
                if (s.watches(report.getSite())) {
                    s.offer(change);
                }
            }
        }
        for (Subscriber s : subscribers) {
            s.drain();
        }
    }

    /**
     * Sends the current grade of each watched site (all that have results when {@code sites} is
     * empty), with previous GRADE_UNSPECIFIED, then every change until the call ends.
     */
    public void subscribe(Set<String> sites, ServerCallStreamObserver<GradeChange> stream) {
        Subscriber subscriber = new Subscriber(sites, stream);
        synchronized (this) {
            Map<String, State> known = known();
            if (sites.isEmpty()) {
                known.forEach((site, state) -> subscriber.offer(change(site, Grade.GRADE_UNSPECIFIED, state)));
            } else {
                for (String site : sites) {
                    // A site without results yet is graded F (nothing measured), as its report says; that
                    // is remembered, so its first result is a change from F for every watcher.
                    State state = known.computeIfAbsent(site, s -> {
                        SiteReport report = grading.report(s);
                        return new State(report.getGrade(), report.getReady());
                    });
                    subscriber.offer(change(site, Grade.GRADE_UNSPECIFIED, state));
                }
            }
            subscribers.add(subscriber);
        }
        stream.setOnCancelHandler(() -> subscribers.remove(subscriber));
        stream.setOnReadyHandler(subscriber::drain);
        subscriber.drain();
    }

    /**
     * Ends every watch with UNAVAILABLE, so that the gRPC server's graceful shutdown is not held
     * open by streams that never end on their own.
     */
    @Override
    public void close() {
        for (Subscriber s : subscribers) {
            s.end(Status.UNAVAILABLE.withDescription("the collector is shutting down; watch again when it is back"));
        }
    }

    /**
     * With no subscriber there is nobody to tell of a change: forgets the grades it remembers, so
     * that the next subscriber reads them fresh, and says so; false when someone is watching.
     */
    public synchronized boolean forgetIfUnwatched() {
        if (!subscribers.isEmpty()) {
            return false;
        }
        current = null;
        return true;
    }

    /** Subscribers connected now. */
    public int subscribers() {
        return subscribers.size();
    }

    private Map<String, State> known() {
        if (current == null) {
            current = new HashMap<>();
            for (SiteSummary s : grading.summaries()) {
                current.put(s.getSite(), new State(s.getGrade(), s.getReady()));
            }
        }
        return current;
    }

    private GradeChange change(String site, Grade previous, State now) {
        Instant at = clock.instant();
        return GradeChange.newBuilder()
                .setSite(site)
                .setPrevious(previous)
                .setCurrent(now.grade())
                .setReady(now.ready())
                .setAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                .build();
    }

    /** One WatchGrades call: its filter, its queue, and its stream. */
    private final class Subscriber {
        private final Set<String> sites;
        private final ServerCallStreamObserver<GradeChange> stream;
        private final ArrayDeque<GradeChange> queue = new ArrayDeque<>(); // guarded by this
        private boolean closed; // guarded by this

        Subscriber(Set<String> sites, ServerCallStreamObserver<GradeChange> stream) {
            this.sites = sites;
            this.stream = stream;
        }

        boolean watches(String site) {
            return sites.isEmpty() || sites.contains(site);
        }

        synchronized void offer(GradeChange change) {
            if (closed) {
                return;
            }
            if (queue.size() >= queueLimit) {
                LOG.warn("WatchGrades subscriber dropped: {} grade changes not yet read", queueLimit);
                end(Status.RESOURCE_EXHAUSTED.withDescription("this watcher fell " + queueLimit
                        + " grade changes behind and was dropped so that ingest does not wait; read faster, "
                        + "or watch fewer sites, and reconnect to get the current grades"));
                return;
            }
            queue.add(change);
        }

        synchronized void end(Status status) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            subscribers.remove(this);
            stream.onError(status.asRuntimeException());
        }

        /** Sends what the stream takes without buffering: gRPC flow control decides, not memory. */
        synchronized void drain() {
            while (!closed && !queue.isEmpty() && stream.isReady() && !stream.isCancelled()) {
                stream.onNext(queue.poll());
            }
        }
    }
}
