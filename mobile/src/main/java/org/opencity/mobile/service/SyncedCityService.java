package org.opencity.mobile.service;

import org.opencity.mobile.sync.DurableStore;
import org.opencity.mobile.sync.SyncClient;
import org.opencity.model.GeoPoint;
import org.opencity.model.Platform;
import org.opencity.model.ServiceCategoryView;
import org.opencity.model.auth.DeviceInfo;
import org.opencity.model.auth.Me;
import org.opencity.model.auth.OtpChallenge;
import org.opencity.model.auth.OtpStart;
import org.opencity.model.auth.OtpVerify;
import org.opencity.model.auth.PasswordLogin;
import org.opencity.model.auth.Session;
import org.opencity.model.catalogue.BuildingView;
import org.opencity.model.notify.NotificationView;
import org.opencity.model.notify.PushRegistration;
import org.opencity.model.request.Action;
import org.opencity.model.request.ActionRequest;
import org.opencity.model.request.FollowedRequest;
import org.opencity.model.request.NearbyRequest;
import org.opencity.model.request.NewRequest;
import org.opencity.model.request.RequestDetail;
import org.opencity.model.request.Status;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

import static org.opencity.mobile.service.ApiClient.listOf;
import static org.opencity.mobile.service.ApiClient.q;
import static org.opencity.mobile.service.ApiClient.type;

/**
 * The app's service over the sync client (what the phone holds and the outbox) and the live API.
 * Who is signed in ({@code me.json}) and the last catalogue ({@code catalogue-<lang>.json}) live in
 * the same durable store; the device id belongs to the sync client, which numbers the commands sent
 * under it. One phone, several accounts: sign-out retires the device id and keeps (or, confirmed,
 * deletes) the account's unsent work for its next sign-in here.
 */
public final class SyncedCityService implements CityService {

    private static final Logger LOG = Logger.getLogger(SyncedCityService.class.getName());
    private static final Set<Status> JOB_STATES = EnumSet.of(Status.ASSIGNED, Status.IN_PROGRESS, Status.DONE);
    public static final String APP_VERSION = "1.0.0";

    private final DurableStore store;
    private final SyncClient sync;
    private final ApiClient api;
    private final Platform platform;
    private volatile String language;

    public SyncedCityService(DurableStore store, SyncClient sync, ApiClient api, Platform platform, String language) {
        this.store = store;
        this.sync = sync;
        this.api = api;
        this.platform = platform;
        this.language = language;
    }

    public void language(String language) {
        this.language = language;
    }

    // ---------------------------------------------------------------- session

    @Override
    public Optional<Me> me() {
        return store.readJson("me.json", Me.class);
    }

    @Override
    public OtpChallenge requestCode(String phone) throws AppException {
        return api.publicCall("POST", "/api/v1/auth/otp", new OtpStart(phone, language), type(OtpChallenge.class));
    }

    @Override
    public Me signInWithCode(UUID challenge, String code) throws AppException {
        return signedIn(withDevice(device -> api.publicCall("POST", "/api/v1/auth/otp/verify", new OtpVerify(challenge, code, device),
                                                            type(Session.class))));
    }

    @Override
    public Me signInStaff(String login, String password, String totpCode) throws AppException {
        String totp = totpCode == null || totpCode.isBlank() ? null : totpCode.strip();
        return signedIn(withDevice(device -> api.publicCall("POST", "/api/v1/auth/login", new PasswordLogin(login, password, totp, null,
                                                                                                            device), type(Session.class))));
    }

    /** A sign-in call with this installation's device id. */
    private interface SignInCall {
        Session with(DeviceInfo device) throws AppException;
    }

    /**
     * Signs in with the current device id; if the backend answers that the id belongs to another
     * account (someone signed in here and never signed out — an older app, a restored backup), the
     * work queued here is parked for that account, a new id is made and the sign-in tried once more.
     * The sign-in refused with a conflict changed nothing on the server, so the same code still works.
     */
    private Session withDevice(SignInCall call) throws AppException {
        try {
            return call.with(device());
        } catch (AppException e) {
            if (e.kind() != AppException.Kind.CONFLICT) {
                throw e;
            }
            LOG.info("this phone's device id belongs to another account; signing in with a new one");
            retireAccount(true);
            return call.with(device());
        }
    }

    private Me signedIn(Session session) {
        store.writeJson("me.json", session.me());
        sync.signedIn(session.accessToken(), session.refreshToken(), session.me().id());
        return session.me();
    }

    /** Tells the backend this phone's push token (native builds); the desktop has none. */
    public void registerPush(String token, String provider) throws AppException {
        api.call("PUT", "/api/v1/me/push-token", new PushRegistration(token, org.opencity.model.notify.PushProvider.valueOf(provider),
                                                                       APP_VERSION, language), null);
    }

    @Override
    public int unsentBeforeSignOut() {
        try {
            sync.syncOnce();   // what can still go now goes under the account that did it
        } catch (SyncClient.RetryLater | SyncClient.SignInRequired e) {
            LOG.info("not everything could be sent before signing out (" + e.getMessage() + ")");
        }
        return sync.status().pendingOps();
    }

    @Override
    public void signOut(boolean keepUnsent) {
        try {
            api.call("POST", "/api/v1/auth/logout", Map.of(), null);
        } catch (AppException e) {
            LOG.info("signing out offline: the server ends the session when it expires (" + e.getMessage() + ")");
        }
        retireAccount(keepUnsent);
    }

    /**
     * The signed-in (or last signed-in) account leaves this phone: its unsent work is parked or
     * deleted, its device id retired, its pulled data and photo thumbnails forgotten. The outbox is
     * only ever filled while an account is signed in, and {@code me.json} goes only after this, so
     * queued work always has an account to be parked under.
     */
    private void retireAccount(boolean keepUnsent) {
        me().ifPresentOrElse(m -> sync.signedOut(m.id(), keepUnsent), () -> sync.signedOut(NO_ACCOUNT, true));
        store.list("thumbs").forEach(name -> store.delete("thumbs/" + name));
        store.delete("me.json");
    }

    /** Parks work with no known account (left by an older app that signed out without parking): kept aside, never sent under another. */
    private static final UUID NO_ACCOUNT = new UUID(0, 0);

    private DeviceInfo device() {
        return new DeviceInfo(sync.deviceId(), platform, APP_VERSION, System.getProperty("os.name", "phone"));
    }

    // ---------------------------------------------------------------- what the phone holds

    @Override
    public List<RequestDetail> jobs() {
        UUID me = me().map(Me::id).orElse(null);
        return sync.requests().stream()
                .filter(r -> me != null && me.equals(r.summary().technicianId()) && JOB_STATES.contains(r.summary().status()))
                .toList();
    }

    @Override
    public List<RequestDetail> myRequests() {
        UUID me = me().map(Me::id).orElse(null);
        return sync.requests().stream().filter(r -> me != null && me.equals(r.reporterId()))
                .sorted(Comparator.comparing((RequestDetail r) -> r.summary().createdAt()).reversed()).toList();
    }

    @Override
    public List<SyncClient.LocalReport> localReports() {
        return sync.localReports();
    }

    @Override
    public Optional<RequestDetail> request(UUID id) {
        return sync.requests().stream().filter(r -> r.summary().id().equals(id)).findFirst();
    }

    @Override
    public List<Action> pending(UUID request) {
        return sync.pending(request);
    }

    @Override
    public List<UUID> pendingPhotos(UUID request) {
        return sync.pendingPhotos(request);
    }

    @Override
    public List<NotificationView> notifications() {
        return sync.notifications();
    }

    @Override
    public List<ServiceCategoryView> categories() {
        String file = "catalogue-" + language + ".json";
        try {
            List<ServiceCategoryView> fresh = api.publicCall("GET", "/api/v1/categories?lang=" + language, null,
                                                              listOf(ServiceCategoryView.class));
            store.writeJson(file, fresh);
            return fresh;
        } catch (AppException offline) {
            return store.read(file).map(bytes -> {
                try {
                    return ApiClient.JSON.<List<ServiceCategoryView>>readValue(bytes, listOf(ServiceCategoryView.class));
                } catch (java.io.IOException e) {
                    return List.<ServiceCategoryView>of();
                }
            }).orElse(List.of());
        }
    }

    @Override
    public SyncClient.Status syncStatus() {
        return sync.status();
    }

    // ---------------------------------------------------------------- actions

    @Override
    public UUID report(NewRequest request, List<SyncClient.LocalPhoto> photos) {
        return sync.fileRequest(request, photos);
    }

    @Override
    public void act(UUID request, ActionRequest action, List<SyncClient.LocalPhoto> photos) {
        sync.act(request, action, photos);
    }

    // ---------------------------------------------------------------- live

    @Override
    public List<NearbyRequest> nearby(String category, Optional<UUID> building, Optional<GeoPoint> point) throws AppException {
        StringBuilder path = new StringBuilder("/api/v1/requests/nearby?category=").append(q(category));
        building.ifPresent(b -> path.append("&building=").append(b));
        point.ifPresent(p -> path.append("&lat=").append(p.lat()).append("&lon=").append(p.lon()));
        return api.call("GET", path.toString(), null, listOf(NearbyRequest.class));
    }

    /** Buildings found online are remembered (the latest {@value #KNOWN_BUILDINGS}) so that an offline report can still pick one. */
    static final int KNOWN_BUILDINGS = 500;

    /** The buildings the phone has seen, for searching offline. */
    record KnownBuildings(List<BuildingView> buildings) {
    }

    @Override
    public List<BuildingView> buildings(String query) throws AppException {
        try {
            List<BuildingView> found = api.call("GET", "/api/v1/buildings?q=" + q(query), null, listOf(BuildingView.class));
            remember(found);
            return found;
        } catch (AppException e) {
            if (e.kind() != AppException.Kind.NETWORK) {
                throw e;
            }
            return known().stream().filter(b -> matches(b, query)).limit(20).toList();
        }
    }

    private List<BuildingView> known() {
        return store.readJson("buildings.json", KnownBuildings.class).map(KnownBuildings::buildings).orElse(List.of());
    }

    private synchronized void remember(List<BuildingView> found) {
        if (found.isEmpty()) {
            return;
        }
        java.util.LinkedHashMap<UUID, BuildingView> all = new java.util.LinkedHashMap<>();
        found.forEach(b -> all.put(b.id(), b));
        known().forEach(b -> all.putIfAbsent(b.id(), b));
        store.writeJson("buildings.json", new KnownBuildings(all.values().stream().limit(KNOWN_BUILDINGS).toList()));
    }

    /** Every word typed starts a word of the Russian or English address; a house number must be the whole number ("Baumana 1" is not 11). */
    static boolean matches(BuildingView b, String query) {
        List<String> words = List.of((b.addressRu() + " " + b.addressEn()).toLowerCase(java.util.Locale.ROOT).split("[,.\\s]+"));
        for (String typed : query.toLowerCase(java.util.Locale.ROOT).split("[,.\\s]+")) {
            boolean number = !typed.isEmpty() && Character.isDigit(typed.charAt(0));
            if (!typed.isBlank() && words.stream().noneMatch(w -> number ? w.equals(typed) : w.startsWith(typed))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void follow(UUID request) throws AppException {
        api.call("POST", "/api/v1/requests/" + request + "/follow", Map.of(), null);
    }

    @Override
    public List<FollowedRequest> following() throws AppException {
        return api.call("GET", "/api/v1/me/following?lang=" + language, null, listOf(FollowedRequest.class));
    }

    @Override
    public void markRead(UUID notification) throws AppException {
        api.call("POST", "/api/v1/me/notifications/" + notification + "/read", Map.of(), null);
    }

    @Override
    public Optional<byte[]> thumbnail(UUID photo) {
        Optional<byte[]> local = store.read("thumbs/" + photo + ".jpg").or(() -> store.read("photos/" + photo + ".jpg"));
        if (local.isPresent()) {
            return local;
        }
        try {
            byte[] bytes = api.bytes("/api/v1/photos/" + photo + "/thumbnail");
            store.write("thumbs/" + photo + ".jpg", bytes);
            return Optional.of(bytes);
        } catch (AppException e) {
            return Optional.empty();
        }
    }
}
