package org.opencity.mobile.sync;

import org.opencity.model.GeoPoint;
import org.opencity.model.notify.NotificationView;
import org.opencity.model.request.Action;
import org.opencity.model.request.ActionRequest;
import org.opencity.model.request.NewRequest;
import org.opencity.model.request.PhotoAnnouncement;
import org.opencity.model.request.PhotoKind;
import org.opencity.model.request.RequestDetail;
import org.opencity.model.sync.OpResult;
import org.opencity.model.sync.PullPage;
import org.opencity.model.sync.PushBatch;
import org.opencity.model.sync.PushResult;
import org.opencity.model.sync.SyncOp;
import org.opencity.model.sync.Tombstone;
import org.opencity.model.sync.UploadStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The app's side of offline sync (design §5), plain Java so that it runs anywhere.
 *
 * <p>Everything the user does becomes a command in a durable outbox: the photos are copied into
 * app-private storage and forced to disk first, then the command, and only then is the user told
 * "saved". Commands carry the device's increasing sequence numbers and are pushed in order; a
 * command the server refuses for good is dropped from the queue with its reason kept for the
 * user, so it never blocks the rest. Photos follow their command, resumably. Pulled state is kept
 * locally so the app opens offline with the last known data. The process may be killed at any
 * moment: a new client on the same folder carries on where the old one stopped.
 */
public final class SyncClient {

    /** A photo taken on the device, already downscaled by the app. */
    public record LocalPhoto(UUID id, PhotoKind kind, byte[] jpeg, Instant capturedAt, GeoPoint position) {
    }

    /** A command the server will never apply, with its reason, for the user to see. */
    public record Failure(UUID opId, long seq, String what, String reason) {
    }

    /** What the sync indicator shows. */
    public record Status(int pendingOps, int pendingPhotos, List<Failure> failures, Instant lastSuccessfulSync, boolean signedIn) {
    }

    /** The network or the server could not do it now; try again after {@code delay}. */
    public static final class RetryLater extends Exception {
        private final Duration delay;

        RetryLater(String message, Duration delay) {
            super(message, null, false, false);
            this.delay = delay;
        }

        public Duration delay() {
            return delay;
        }
    }

    /** The session cannot be refreshed: the user has to sign in again (nothing queued is lost). */
    public static final class SignInRequired extends Exception {
        SignInRequired() {
            super("sign in again to sync", null, false, false);
        }
    }

    static final int CHUNK = 256 * 1024;
    private static final int KEEP_APPLIED = 200;
    private static final int PULL_PAGE = 50;

    private final DurableStore store;
    private final Transport transport;
    private final Clock clock;
    private final Random random;
    private volatile State state;
    private volatile String language = "ru";
    /** One sync at a time; the user's actions (short, under the object's lock) never wait for a sync in progress. */
    private final java.util.concurrent.locks.ReentrantLock syncing = new java.util.concurrent.locks.ReentrantLock();
    private final Object refreshing = new Object();

    /** What survives restarts besides the outbox: tokens, the pull cursor, the last acknowledged sequence. */
    record State(String accessToken, String refreshToken, String cursor, long lastAckedSeq, Instant lastSuccessfulSync,
                 boolean snapshotInProgress) {
    }

    /** A command in the outbox, with the photos that must follow it. */
    record StoredOp(SyncOp op, List<UUID> photos, String what) {
    }

    /** A command's fate, kept for the user (failures) and for recovery. */
    record DoneOp(SyncOp op, List<UUID> photos, String what, OpResult result) {
    }

    /** A local photo waiting to be uploaded once its command is on the server. */
    record PhotoMeta(UUID id, String sha256, long size, long seq, boolean announced) {
    }

    /** The id this installation gives the backend; retired at sign-out. */
    record DeviceId(UUID id) {
    }

    /** A sign-out whose unsent work is being moved aside for this account. */
    record Parking(UUID account) {
    }

    public SyncClient(DurableStore store, Transport transport, Clock clock, Random random) {
        this.store = store;
        this.transport = transport;
        this.clock = clock;
        this.random = random;
        this.state = store.readJson("state.json", State.class).orElse(new State(null, null, null, 0, null, false));
        recover();
    }

    // ---------------------------------------------------------------- the user's actions

    /** The language pulled texts (category names, statuses) come in. */
    public void language(String language) {
        this.language = language;
    }

    /** Signed in (or refreshed elsewhere): keep the tokens for syncing. */
    public synchronized void signedIn(String accessToken, String refreshToken) {
        saveState(new State(accessToken, refreshToken, state.cursor, state.lastAckedSeq, state.lastSuccessfulSync,
                            state.snapshotInProgress));
    }

    /**
     * Signed in as this account: keep the tokens, and put back in the outbox whatever the account
     * left unsent when it last signed out on this phone (see {@link #signedOut(UUID, boolean)}).
     */
    public void signedIn(String accessToken, String refreshToken, UUID account) {
        syncing.lock();
        try {
            synchronized (this) {
                unpark(account);   // before the tokens: no sync can start on a half-restored outbox
                signedIn(accessToken, refreshToken);
            }
        } finally {
            syncing.unlock();
        }
    }

    /** This installation's id for the account signed in (or about to be): made at the first sign-in after a sign-out. */
    public synchronized UUID deviceId() {
        return store.readJson("device.json", DeviceId.class).map(DeviceId::id).orElseGet(() -> {
            UUID made = UUID.randomUUID();
            store.writeJson("device.json", new DeviceId(made));
            return made;
        });
    }

    /**
     * The account leaves this phone. The backend binds a device id to one account, and the
     * server numbers each device's commands, so the id is retired with its sequence, and what was
     * pulled for the account (its requests, inbox, refused commands, cursor) is forgotten. Its
     * unsent commands and photos are parked under {@code parked/<account>/} when {@code keepUnsent}
     * (sent after that account's next sign-in here, never under another account), else deleted.
     * Waits for a sync in progress to end.
     */
    public void signedOut(UUID account, boolean keepUnsent) {
        syncing.lock();
        try {
            synchronized (this) {
                if (keepUnsent) {
                    store.writeJson("parking.json", new Parking(account));   // a kill before the end: recover() finishes it
                    park(account);
                } else {
                    store.list("outbox").forEach(name -> store.delete("outbox/" + name));
                    store.list("photos").forEach(name -> store.delete("photos/" + name));
                }
                forgetAccount();
                store.delete("parking.json");   // only now: a kill before this redoes the whole sign-out at the next start
            }
        } finally {
            syncing.unlock();
        }
    }

    /** Files a report; answers its id once it is safely stored on the device. */
    public synchronized UUID fileRequest(NewRequest request, List<LocalPhoto> photos) {
        List<PhotoAnnouncement> announced = savePhotos(photos, nextSeq());
        NewRequest withPhotos = new NewRequest(request.id(), request.categoryCode(), request.description(), request.location(),
                                               request.buildingId(), request.entrance(), request.floor(), request.flat(),
                                               request.address(), request.reporterType(), request.reporterOrganisation(),
                                               request.caller(), request.priority(), announced);
        enqueue(SyncOp.create(UUID.randomUUID(), nextSeq(), withPhotos), photos, "report " + request.categoryCode());
        return request.id();
    }

    /** Queues an action on a request (start, complete, comment, confirm, rate ...) with its photos. */
    public synchronized UUID act(UUID requestId, ActionRequest action, List<LocalPhoto> photos) {
        List<PhotoAnnouncement> announced = savePhotos(photos, nextSeq());
        ActionRequest withPhotos = new ActionRequest(action.action(), action.reason(), action.technicianId(), action.organisationId(),
                                                     action.duplicateOf(), action.note(), announced, action.text(), action.stars(),
                                                     action.doneAt() != null ? action.doneAt() : clock.instant(),
                                                     action.expectedVersion());
        UUID opId = UUID.randomUUID();
        enqueue(SyncOp.action(opId, nextSeq(), requestId, withPhotos), photos, action.action().name().toLowerCase());
        return opId;
    }

    public synchronized Status status() {
        List<Failure> failures = new ArrayList<>();
        for (String name : store.list("done")) {
            store.readJson("done/" + name, DoneOp.class)
                    .filter(d -> d.result().outcome() != OpResult.Outcome.APPLIED)
                    .ifPresent(d -> failures.add(new Failure(d.op().opId(), d.op().seq(), d.what(), d.result().reason())));
        }
        return new Status(store.list("outbox").size(), (int) store.list("photos").stream().filter(n -> n.endsWith(".json")).count(),
                          failures, state.lastSuccessfulSync, state.accessToken != null);
    }

    /**
     * The commands on a request still waiting to reach the server, oldest first, so that the app can
     * show "started — waiting to send" instead of offering the same action again.
     */
    public synchronized List<Action> pending(UUID requestId) {
        List<Action> actions = new ArrayList<>();
        for (String name : store.list("outbox")) {
            store.readJson("outbox/" + name, StoredOp.class)
                    .filter(o -> o.op().type() == SyncOp.Type.ACTION && requestId.equals(o.op().requestId()))
                    .ifPresent(o -> actions.add(o.op().action().action()));
        }
        return actions;
    }

    /** The photos of commands on a request still waiting to be sent (kept on the device meanwhile). */
    public synchronized List<UUID> pendingPhotos(UUID requestId) {
        List<UUID> photos = new ArrayList<>();
        for (String name : store.list("outbox")) {
            store.readJson("outbox/" + name, StoredOp.class)
                    .filter(o -> o.op().type() == SyncOp.Type.ACTION && requestId.equals(o.op().requestId()))
                    .ifPresent(o -> photos.addAll(o.photos()));
        }
        return photos;
    }

    /** The unread notifications as of the last sync, newest first (works offline). */
    public synchronized List<NotificationView> notifications() {
        List<NotificationView> list = new ArrayList<>();
        for (String name : store.list("notifications")) {
            store.readJson("notifications/" + name, NotificationView.class).ifPresent(list::add);
        }
        list.sort(java.util.Comparator.comparing(NotificationView::id).reversed());
        return list;
    }

    /** The last known state of the requests in the user's scope (works offline). */
    public synchronized List<RequestDetail> requests() {
        List<RequestDetail> list = new ArrayList<>();
        for (String name : store.list("requests")) {
            store.readJson("requests/" + name, RequestDetail.class).ifPresent(list::add);
        }
        return list;
    }

    // ---------------------------------------------------------------- syncing

    /** Pushes everything queued, uploads pending photos, pulls changes. */
    public void syncOnce() throws RetryLater, SignInRequired {
        syncing.lock();
        try {
            pushAll();
            uploadPhotos();
            pullAll();
            pruneDone();
            saveState(new State(state.accessToken, state.refreshToken, state.cursor, state.lastAckedSeq, clock.instant(),
                                state.snapshotInProgress));
        } finally {
            syncing.unlock();
        }
    }

    /**
     * An API call with the session's credentials (refreshed once on 401), for what the app reads
     * live besides sync: the catalogue, nearby requests, buildings, the inbox, photos.
     */
    public Transport.Reply authorized(String method, String path, byte[] body) throws RetryLater, SignInRequired {
        return call(method, path, body);
    }

    /** The access token for a long-lived call (the live stream); refreshed when {@code stale} was refused. */
    public String accessToken(String stale) throws RetryLater, SignInRequired {
        if (state.accessToken == null) {
            throw new SignInRequired();
        }
        if (stale != null && stale.equals(state.accessToken)) {
            refresh(stale);
        }
        return state.accessToken;
    }


    /** A report the user filed, as far as the phone knows: waiting to be sent, sent (with its number), or refused. */
    public record LocalReport(NewRequest request, String state, String number, String failure) {
        public static final String WAITING = "WAITING", SENT = "SENT", REFUSED = "REFUSED";
    }

    /** Reports filed on this phone that the last pull has not brought back yet (newest first). */
    public synchronized List<LocalReport> localReports() {
        java.util.Set<String> known = new HashSet<>(store.list("requests"));
        List<LocalReport> reports = new ArrayList<>();
        for (String name : store.list("outbox")) {
            store.readJson("outbox/" + name, StoredOp.class).filter(o -> o.op().type() == SyncOp.Type.CREATE_REQUEST)
                    .ifPresent(o -> reports.add(new LocalReport(o.op().request(), LocalReport.WAITING, null, null)));
        }
        for (String name : store.list("done")) {
            store.readJson("done/" + name, DoneOp.class).filter(d -> d.op().type() == SyncOp.Type.CREATE_REQUEST)
                    .filter(d -> !known.contains(d.op().request().id() + ".json"))
                    .ifPresent(d -> reports.add(d.result().outcome() == OpResult.Outcome.APPLIED
                            ? new LocalReport(d.op().request(), LocalReport.SENT, d.result().number(), null)
                            : new LocalReport(d.op().request(), LocalReport.REFUSED, null, d.result().reason())));
        }
        reports.sort(java.util.Comparator.comparing((LocalReport r) -> r.request().id()).reversed());
        return reports;
    }

    /** The wait before the next attempt: exponential with jitter, never less than the server asked. */
    public Duration backoff(int attempt, Duration serverAsked) {
        long base = Math.min(60_000L, 1_000L << Math.min(attempt, 6));
        long jittered = (long) (base * (0.5 + random.nextDouble()));
        return Duration.ofMillis(Math.max(jittered, serverAsked == null ? 0 : serverAsked.toMillis()));
    }

    private void pushAll() throws RetryLater, SignInRequired {
        while (true) {
            List<StoredOp> pending = new ArrayList<>();
            for (String name : store.list("outbox")) {
                if (pending.size() == PushBatch.MAX_OPS) {
                    break;
                }
                store.readJson("outbox/" + name, StoredOp.class).ifPresent(pending::add);
            }
            if (pending.isEmpty()) {
                return;
            }
            PushBatch batch = new PushBatch(clock.instant(), pending.stream().map(StoredOp::op).toList());
            Transport.Reply reply = call("POST", "/api/v1/sync/push", json(batch));
            if (reply.status() == 400) {
                // the server cannot read this batch at all: it never will, so do not retry it for ever
                for (StoredOp op : pending) {
                    finish(op, new OpResult(op.op().opId(), op.op().seq(), OpResult.Outcome.REJECTED, problem(reply), null, null,
                                            null, null));
                }
                continue;
            }
            PushResult result = read(reply, PushResult.class);
            Map<Long, OpResult> bySeq = new LinkedHashMap<>();
            result.results().forEach(r -> bySeq.put(r.seq(), r));
            for (StoredOp op : pending) {
                OpResult r = bySeq.get(op.op().seq());
                if (r != null) {
                    finish(op, r);
                }
            }
            saveState(new State(state.accessToken, state.refreshToken, state.cursor, Math.max(state.lastAckedSeq, result.lastSeq()),
                                state.lastSuccessfulSync, state.snapshotInProgress));
            if (result.gapAfter() != null || bySeq.isEmpty()) {
                throw new RetryLater("the server is missing earlier commands", backoff(1, null));
            }
        }
    }

    private void finish(StoredOp op, OpResult result) {
        String name = seqName(op.op().seq());
        store.writeJson("done/" + name, new DoneOp(op.op(), op.photos(), op.what(), result));
        store.delete("outbox/" + name);
        for (UUID photo : op.photos()) {
            if (result.outcome() == OpResult.Outcome.REJECTED) {
                dropPhoto(photo);   // the command never reached the request: nothing to attach it to
            } else {
                store.readJson("photos/" + photo + ".json", PhotoMeta.class).ifPresent(meta -> store.writeJson(
                        "photos/" + photo + ".json", new PhotoMeta(meta.id(), meta.sha256(), meta.size(), meta.seq(), true)));
            }
        }
    }

    private void uploadPhotos() throws RetryLater, SignInRequired {
        for (String name : store.list("photos")) {
            if (!name.endsWith(".json")) {
                continue;
            }
            Optional<PhotoMeta> meta = store.readJson("photos/" + name, PhotoMeta.class);
            if (meta.isEmpty() || !meta.get().announced()) {
                continue;
            }
            uploadPhoto(meta.get());
        }
    }

    private void uploadPhoto(PhotoMeta meta) throws RetryLater, SignInRequired {
        byte[] bytes = store.read("photos/" + meta.id() + ".jpg").orElse(null);
        if (bytes == null) {
            store.delete("photos/" + meta.id() + ".json");
            return;
        }
        Transport.Reply reply = call("GET", "/api/v1/photos/" + meta.id() + "/upload", null);
        if (reply.status() == 404) {
            dropPhoto(meta.id());    // the server no longer knows it (its command was refused)
            return;
        }
        UploadStatus status = read(reply, UploadStatus.class);
        while (!status.stored() && status.rejected() == null) {
            int from = (int) status.received();
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + CHUNK));
            reply = call("PUT", "/api/v1/photos/" + meta.id() + "/upload?offset=" + from, chunk);
            if (reply.status() == 409) {
                status = read(call("GET", "/api/v1/photos/" + meta.id() + "/upload", null), UploadStatus.class);
                continue;
            }
            if (reply.status() == 400) {
                store.writeJson("failed-photos/" + meta.id() + ".json", Map.of("photo", meta.id().toString(), "reason", problem(reply)));
                dropPhoto(meta.id());
                return;
            }
            status = read(reply, UploadStatus.class);
        }
        dropPhoto(meta.id());
    }

    /**
     * Pulls until caught up. A snapshot (the server's answer to an unknown or old cursor) may span
     * pages and restarts: the local requests it has not confirmed yet are listed in
     * {@code snapshot-stale.json} and removed when it ends.
     */
    private void pullAll() throws RetryLater, SignInRequired {
        while (true) {
            String query = "/api/v1/sync/pull?limit=" + PULL_PAGE + "&lang=" + language
                    + (state.cursor == null ? "" : "&cursor=" + URLEncoder.encode(state.cursor, StandardCharsets.UTF_8));
            PullPage page = read(call("GET", query, null), PullPage.class);
            Set<String> stale = new HashSet<>();
            if (page.reset()) {
                if (!state.snapshotInProgress) {
                    stale.addAll(store.list("requests"));
                } else {
                    store.readJson("snapshot-stale.json", String[].class).ifPresent(a -> stale.addAll(List.of(a)));
                }
            }
            for (RequestDetail request : page.requests()) {
                String name = request.summary().id() + ".json";
                store.writeJson("requests/" + name, request);
                stale.remove(name);
            }
            for (Tombstone gone : page.tombstones()) {
                store.delete("requests/" + gone.requestId() + ".json");
            }
            if (page.reset() && page.more()) {
                store.writeJson("snapshot-stale.json", stale.toArray(String[]::new));
            } else if (page.reset()) {
                stale.forEach(name -> store.delete("requests/" + name));   // left the scope while we were away
                store.delete("snapshot-stale.json");
            }
            if (!page.more()) {
                // the server's unread notifications as of now: exactly what the app shows as new
                Set<String> unread = new HashSet<>();
                for (NotificationView n : page.notifications()) {
                    store.writeJson("notifications/" + n.id() + ".json", n);
                    unread.add(n.id() + ".json");
                }
                store.list("notifications").stream().filter(name -> !unread.contains(name))
                        .forEach(name -> store.delete("notifications/" + name));
            }
            saveState(new State(state.accessToken, state.refreshToken, page.cursor(), state.lastAckedSeq, state.lastSuccessfulSync,
                                page.reset() && page.more()));
            if (!page.more()) {
                return;
            }
        }
    }

    /** Keeps every refused command (the user must see why) and only the latest applied ones. */
    private void pruneDone() {
        List<String> applied = new ArrayList<>();
        for (String name : store.list("done")) {
            store.readJson("done/" + name, DoneOp.class)
                    .filter(d -> d.result().outcome() == OpResult.Outcome.APPLIED)
                    // a command whose photos are still uploading keeps them referenced
                    .filter(d -> d.photos().stream().noneMatch(p -> store.read("photos/" + p + ".json").isPresent()))
                    .ifPresent(d -> applied.add(name));
        }
        for (int i = 0; i < applied.size() - KEEP_APPLIED; i++) {
            store.delete("done/" + applied.get(i));
        }
    }

    // ---------------------------------------------------------------- HTTP with credentials

    private Transport.Reply call(String method, String path, byte[] body) throws RetryLater, SignInRequired {
        if (state.accessToken == null) {
            throw new SignInRequired();
        }
        String used = state.accessToken;
        Transport.Reply reply = exchange(method, path, body);
        if (reply.status() == 401) {
            refresh(used);
            reply = exchange(method, path, body);
            if (reply.status() == 401) {
                throw new SignInRequired();
            }
        }
        if (reply.status() == 429 || reply.status() >= 500) {
            throw new RetryLater("the server is busy (HTTP " + reply.status() + ")", backoff(2, retryAfter(reply)));
        }
        return reply;
    }

    private Transport.Reply exchange(String method, String path, byte[] body) throws RetryLater {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + state.accessToken);
        if (body != null) {
            headers.put("Content-Type", path.contains("/photos/") ? "application/octet-stream" : "application/json");
        }
        try {
            return transport.exchange(new Transport.Call(method, path, headers, body));
        } catch (IOException e) {
            throw new RetryLater("no connection: " + e.getMessage(), backoff(1, null));
        }
    }

    /** Refreshes the session unless another thread already did since {@code refused} was refused. */
    private void refresh(String refused) throws RetryLater, SignInRequired {
        synchronized (refreshing) {
            if (state.accessToken != null && !state.accessToken.equals(refused)) {
                return;
            }
            refreshNow();
        }
    }

    private void refreshNow() throws RetryLater, SignInRequired {
        if (state.refreshToken == null) {
            throw new SignInRequired();
        }
        Transport.Reply reply;
        try {
            reply = transport.exchange(new Transport.Call("POST", "/api/v1/auth/refresh", Map.of("Content-Type", "application/json"),
                                                          json(refreshBody())));
        } catch (IOException e) {
            throw new RetryLater("no connection: " + e.getMessage(), backoff(1, null));
        }
        if (reply.status() == 401) {
            saveState(new State(null, null, state.cursor, state.lastAckedSeq, state.lastSuccessfulSync, state.snapshotInProgress));
            throw new SignInRequired();
        }
        if (reply.status() != 200) {
            throw new RetryLater("refresh failed (HTTP " + reply.status() + ")", backoff(2, retryAfter(reply)));
        }
        Map<?, ?> session = read(reply, Map.class);
        signedIn((String) session.get("accessToken"), (String) session.get("refreshToken"));
    }

    /**
     * The spent token and this installation's device id: the backend lets only the session's own
     * device retry a refresh whose answer was lost, and ends the session on any other reuse. Read
     * without this object's lock (refreshing holds its own, and sync holds this one before it).
     */
    private Map<String, Object> refreshBody() {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("refreshToken", state.refreshToken);
        store.readJson("device.json", DeviceId.class).ifPresent(device -> body.put("deviceId", device.id()));
        return body;
    }

    // ---------------------------------------------------------------- accounts on one phone

    /** Moves the outbox and the photos still to send under {@code parked/<account>/}; each file is written there before it goes here. */
    private void park(UUID account) {
        String to = "parked/" + account + "/";
        for (String folder : List.of("outbox", "photos")) {
            for (String name : store.list(folder)) {
                store.read(folder + "/" + name).ifPresent(bytes -> store.write(to + folder + "/" + name, bytes));
                store.delete(folder + "/" + name);
            }
        }
    }

    /**
     * Puts the account's parked commands back at the end of the outbox, numbered anew for the
     * device id it signed in with now (the server expects that device's sequence to start at 1),
     * and its photos back with them. A command already back (a kill midway) is not added twice.
     */
    private void unpark(UUID account) {
        String from = "parked/" + account + "/";
        Set<UUID> queued = new HashSet<>();
        for (String name : store.list("outbox")) {
            store.readJson("outbox/" + name, StoredOp.class).ifPresent(o -> queued.add(o.op().opId()));
        }
        for (String name : store.list(from + "photos")) {
            store.read(from + "photos/" + name).ifPresent(bytes -> store.write("photos/" + name, bytes));
            store.delete(from + "photos/" + name);
        }
        for (String name : store.list(from + "outbox")) {
            Optional<StoredOp> parked = store.readJson(from + "outbox/" + name, StoredOp.class);
            if (parked.isPresent() && !queued.contains(parked.get().op().opId())) {
                SyncOp op = parked.get().op();
                long seq = nextSeq();
                SyncOp renumbered = new SyncOp(op.opId(), seq, op.type(), op.request(), op.requestId(), op.action());
                for (UUID photo : parked.get().photos()) {
                    store.readJson("photos/" + photo + ".json", PhotoMeta.class).ifPresent(m -> store.writeJson(
                            "photos/" + photo + ".json", new PhotoMeta(m.id(), m.sha256(), m.size(), seq, m.announced())));
                }
                store.writeJson("outbox/" + seqName(seq), new StoredOp(renumbered, parked.get().photos(), parked.get().what()));
            }
            store.delete(from + "outbox/" + name);
        }
    }

    /** Everything of the signed-out account that is not parked: the device id and its sequence, the session, what was pulled. */
    private void forgetAccount() {
        for (String folder : List.of("done", "requests", "notifications", "failed-photos")) {
            store.list(folder).forEach(name -> store.delete(folder + "/" + name));
        }
        store.delete("snapshot-stale.json");
        store.delete("device.json");
        saveState(new State(null, null, null, 0, null, false));
    }

    // ---------------------------------------------------------------- durable outbox

    private void enqueue(SyncOp op, List<LocalPhoto> photos, String what) {
        store.writeJson("outbox/" + seqName(op.seq()), new StoredOp(op, photos.stream().map(LocalPhoto::id).toList(), what));
    }

    /** Photos go to disk before the command that refers to them, so a saved command always has its photos. */
    private List<PhotoAnnouncement> savePhotos(List<LocalPhoto> photos, long seq) {
        List<PhotoAnnouncement> announced = new ArrayList<>();
        for (LocalPhoto p : photos) {
            String sha = sha256(p.jpeg());
            store.write("photos/" + p.id() + ".jpg", p.jpeg());
            store.writeJson("photos/" + p.id() + ".json", new PhotoMeta(p.id(), sha, p.jpeg().length, seq, false));
            announced.add(new PhotoAnnouncement(p.id(), p.kind(), sha, p.jpeg().length, p.capturedAt(), p.position()));
        }
        return announced;
    }

    private void dropPhoto(UUID id) {
        store.delete("photos/" + id + ".jpg");
        store.delete("photos/" + id + ".json");
    }

    private long nextSeq() {
        long max = state.lastAckedSeq;
        for (String folder : List.of("outbox", "done")) {
            for (String name : store.list(folder)) {
                max = Math.max(max, Long.parseLong(name.replace(".json", "")));
            }
        }
        return max + 1;
    }

    /** After a kill: finish what was half done, from what is on disk. */
    private void recover() {
        store.readJson("parking.json", Parking.class).ifPresent(p -> {
            park(p.account());
            forgetAccount();
            store.delete("parking.json");
        });
        for (String name : store.list("outbox")) {
            if (store.read("done/" + name).isPresent()) {
                store.delete("outbox/" + name);    // acknowledged just before the kill
            }
        }
        Set<UUID> referenced = new HashSet<>();
        for (String folder : List.of("outbox", "done")) {
            for (String name : store.list(folder)) {
                if (folder.equals("outbox")) {
                    store.readJson(folder + "/" + name, StoredOp.class).ifPresent(o -> referenced.addAll(o.photos()));
                } else {
                    store.readJson(folder + "/" + name, DoneOp.class).ifPresent(o -> referenced.addAll(o.photos()));
                }
            }
        }
        for (String name : store.list("photos")) {
            UUID id = UUID.fromString(name.substring(0, 36));
            boolean announced = store.readJson("photos/" + id + ".json", PhotoMeta.class).map(PhotoMeta::announced).orElse(false);
            if (!referenced.contains(id) && !announced) {
                store.delete("photos/" + name);    // saved just before a kill, with no command after it
            }
        }
        for (String name : store.list("done")) {
            store.readJson("done/" + name, DoneOp.class).filter(d -> d.result().outcome() != OpResult.Outcome.REJECTED)
                    .ifPresent(d -> d.photos().forEach(photo -> store.readJson("photos/" + photo + ".json", PhotoMeta.class)
                            .filter(m -> !m.announced())
                            .ifPresent(m -> store.writeJson("photos/" + photo + ".json",
                                                            new PhotoMeta(m.id(), m.sha256(), m.size(), m.seq(), true)))));
        }
    }

    private synchronized void saveState(State next) {
        state = next;
        store.writeJson("state.json", next);
    }

    private static String seqName(long seq) {
        return String.format("%019d.json", seq);
    }

    private static byte[] json(Object value) {
        try {
            return DurableStore.JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(Transport.Reply reply, Class<T> type) throws RetryLater {
        if (reply.status() != 200) {
            throw new RetryLater("unexpected answer HTTP " + reply.status() + ": " + problem(reply), Duration.ofSeconds(5));
        }
        try {
            return DurableStore.JSON.readValue(reply.body(), type);
        } catch (IOException e) {
            throw new RetryLater("unreadable answer", Duration.ofSeconds(5));
        }
    }

    private static String problem(Transport.Reply reply) {
        try {
            Map<?, ?> problem = DurableStore.JSON.readValue(reply.body(), Map.class);
            Object errors = problem.get("errors");
            String first = errors instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Map<?, ?> e
                    ? " (" + e.get("field") + ": " + e.get("message") + ")" : "";
            return problem.get("detail") + first;
        } catch (IOException | RuntimeException e) {
            return "HTTP " + reply.status();
        }
    }

    private static Duration retryAfter(Transport.Reply reply) {
        String value = reply.header("Retry-After");
        try {
            return value == null ? null : Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
