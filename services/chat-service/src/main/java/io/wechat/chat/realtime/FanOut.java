package io.wechat.chat.realtime;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicIntegerArray;

import io.wechat.kit.web.Json;

/**
 * Pushes a frame to every live connection of some users, right after the write that caused it, within the
 * request: a few sends at a time on virtual threads. A 410 removes that connection's record, unless the connection
 * is still opening ({@link ConnectionRegistry#opening}): then it is a failed send, as is any other failure, which is
 * logged. Nothing here ever fails the request: the write is committed already.
 */
public final class FanOut {
    private static final System.Logger LOG = System.getLogger(FanOut.class.getName());
    private final ConnectionRegistry registry;
    private final ConnectionSender sender;
    private final int parallelism;

    public FanOut(ConnectionRegistry registry, ConnectionSender sender, int parallelism) {
        this.registry = registry;
        this.sender = sender;
        this.parallelism = parallelism;
    }

    /**
     * Sends {@code frame} (serialized once) to every live connection of {@code userIds}; answers the users that
     * were reached on at least one connection.
     */
    public Set<String> push(Collection<String> userIds, Object frame) {
        return push(userIds, frame, null);
    }

    /**
     * As {@link #push(Collection, Object)}, except to {@code originConnectionId} (when not null), the connection
     * whose request caused the frame: it gets its own answer instead, so exactly one frame per message, and
     * counts as reached.
     */
    public Set<String> push(Collection<String> userIds, Object frame, String originConnectionId) {
        Map<String, List<String>> live;
        try {
            live = registry.live(userIds);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Connections cannot be read, frames not pushed: " + e.getMessage());
            return Set.of();
        }
        String text = frame instanceof String s ? s : Json.write(frame);
        Set<String> reached = ConcurrentHashMap.newKeySet();
        Semaphore permits = new Semaphore(parallelism);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            live.forEach((userId, connections) -> {
                for (String connectionId : connections) {
                    if (connectionId.equals(originConnectionId)) {
                        reached.add(userId);
                        continue;
                    }
                    executor.execute(() -> {
                        permits.acquireUninterruptibly();
                        try {
                            if (sendOne(userId, connectionId, text)) {
                                reached.add(userId);
                            }
                        } finally {
                            permits.release();
                        }
                    });
                }
            });
        }
        return reached;
    }

    /** What {@link #pushOnce} did: the users who have the frame on at least one connection, and the sends that failed. */
    public record Delivery(Set<String> reached, int failed) {
    }

    /**
     * Sends frame {@code frameId} to the {@code live} connections (by user) that do not have it yet: for a frame of
     * committed data that may be handled more than once (a stream record delivered again, and the request's live push
     * before it). Each connection is claimed for a lease before its send and marked after it
     * ({@link ConnectionRegistry#claimFrame}), so a connection gets the frame once, unless the process dies between a
     * send and its mark, and one whose send died half-way gets it from the first attempt after the lease. A send that
     * failed (not 410) is counted in {@link Delivery#failed()} and its claim released, for a retry; a connection
     * another attempt is sending to is counted as failed too, its claim left to that attempt.
     */
    public Delivery pushOnce(String frameId, Map<String, List<String>> live, Object frame) {
        return pushAllOnce(List.of(new Frame(frameId, live, frame))).getFirst();
    }

    /** A frame of committed data for {@link #pushAllOnce}: its id, the live connections (by user) it goes to. */
    public record Frame(String frameId, Map<String, List<String>> live, Object frame) {
    }

    /**
     * {@link #pushOnce} of several frames in their order, one {@link Delivery} each: the connections in parallel, each
     * connection's frames one after another, so every connection sees them in their order. A connection whose send
     * failed gets none of the frames after it (they would arrive before it): those count as failed too.
     */
    public List<Delivery> pushAllOnce(List<Frame> frames) {
        List<String> texts = frames.stream().map(f -> f.frame() instanceof String s ? s : Json.write(f.frame())).toList();
        Map<String, String> owners = new LinkedHashMap<>();
        Map<String, List<Integer>> framesOf = new LinkedHashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            int index = i;
            frames.get(i).live().forEach((userId, connections) -> connections.forEach(connectionId -> {
                owners.put(connectionId, userId);
                framesOf.computeIfAbsent(connectionId, id -> new ArrayList<>()).add(index);
            }));
        }
        List<Set<String>> reached = frames.stream().<Set<String>>map(f -> ConcurrentHashMap.newKeySet()).toList();
        AtomicIntegerArray failed = new AtomicIntegerArray(frames.size());
        Semaphore permits = new Semaphore(parallelism);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            framesOf.forEach((connectionId, indexes) -> executor.execute(() -> {
                permits.acquireUninterruptibly();
                try {
                    String userId = owners.get(connectionId);
                    for (int k = 0; k < indexes.size(); k++) {
                        int index = indexes.get(k);
                        SendResult result = sendOnce(frames.get(index).frameId(), userId, connectionId, texts.get(index));
                        if (result == SendResult.REACHED) {
                            reached.get(index).add(userId);
                        } else if (result == SendResult.GONE) {
                            return;
                        } else {
                            indexes.subList(k, indexes.size()).forEach(notSent -> failed.incrementAndGet(notSent));
                            return;
                        }
                    }
                } finally {
                    permits.release();
                }
            }));
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            deliveries.add(new Delivery(Set.copyOf(reached.get(i)), failed.get(i)));
        }
        return deliveries;
    }

    private enum SendResult { REACHED, GONE, FAILED }

    private SendResult sendOnce(String frameId, String userId, String connectionId, String text) {
        try {
            switch (registry.claimFrame(frameId, connectionId)) {
                case SENT -> {
                    return SendResult.REACHED;
                }
                case IN_FLIGHT -> {
                    // Another attempt (the request's live push, or a delivery of the same record) is sending it: not
                    // known to have arrived yet, so this attempt counts it as failed and the next one finds it sent.
                    return SendResult.FAILED;
                }
                case CLAIMED -> { }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot claim frame " + frameId + " for connection " + connectionId + ": " + e.getMessage());
            return SendResult.FAILED;
        }
        SendResult result = deliver(userId, connectionId, text);
        if (result == SendResult.FAILED) {
            try {
                registry.releaseFrame(frameId, connectionId);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot release frame " + frameId + " for connection " + connectionId + ": " + e.getMessage());
            }
        }
        if (result != SendResult.REACHED) {
            return result;
        }
        try {
            registry.frameSent(frameId, connectionId);
        } catch (RuntimeException e) {
            // Sent all the same: only a later attempt of the same record could send it a second time.
            LOG.log(Level.WARNING, "Frame " + frameId + " sent to " + connectionId + " but not marked: " + e.getMessage());
        }
        return SendResult.REACHED;
    }

    private boolean sendOne(String userId, String connectionId, String text) {
        return deliver(userId, connectionId, text) == SendResult.REACHED;
    }

    /** Whether a 410 may mean "not open yet" ({@link ConnectionRegistry#opening}); when Redis cannot tell, it is kept. */
    private boolean opening(String connectionId) {
        try {
            return registry.opening(connectionId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot tell whether connection " + connectionId + " is still opening: " + e.getMessage());
            return true;
        }
    }

    private SendResult deliver(String userId, String connectionId, String text) {
        try {
            sender.send(connectionId, text);
            return SendResult.REACHED;
        } catch (ConnectionSender.GoneException e) {
            if (opening(connectionId)) {
                // Admitted, its handshake not complete yet: not delivered now, and not gone either.
                LOG.log(Level.DEBUG, "Connection " + connectionId + " of " + userId + " is not open yet");
                return SendResult.FAILED;
            }
            LOG.log(Level.DEBUG, "Connection " + connectionId + " of " + userId + " is gone; removing it");
            try {
                registry.remove(connectionId, userId);
            } catch (RuntimeException removal) {
                LOG.log(Level.WARNING, "Cannot remove gone connection " + connectionId + ": " + removal.getMessage());
            }
            return SendResult.GONE;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Frame not delivered to connection " + connectionId + " of " + userId + ": " + e);
            return SendResult.FAILED;
        }
    }
}
