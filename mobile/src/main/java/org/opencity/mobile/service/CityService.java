package org.opencity.mobile.service;

import org.opencity.mobile.sync.SyncClient;
import org.opencity.model.GeoPoint;
import org.opencity.model.ServiceCategoryView;
import org.opencity.model.auth.Me;
import org.opencity.model.auth.OtpChallenge;
import org.opencity.model.catalogue.BuildingView;
import org.opencity.model.notify.NotificationView;
import org.opencity.model.request.Action;
import org.opencity.model.request.ActionRequest;
import org.opencity.model.request.FollowedRequest;
import org.opencity.model.request.NearbyRequest;
import org.opencity.model.request.NewRequest;
import org.opencity.model.request.RequestDetail;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the screens ask of the app: who is signed in, the requests and jobs as the phone last knew
 * them, the user's actions (kept on the phone first, sent by sync), and the few things that need
 * the network at that moment. Everything here may block: presenters call it off the FX thread.
 */
public interface CityService {

    // ---- session
    Optional<Me> me();

    OtpChallenge requestCode(String phone) throws AppException;

    Me signInWithCode(UUID challenge, String code) throws AppException;

    Me signInStaff(String login, String password, String totpCode) throws AppException;

    /** Tries to send what is queued, then answers how many of the user's actions are still not sent (asked before signing out). */
    int unsentBeforeSignOut();

    /** Signs out; unsent actions are kept for this account's next sign-in on this phone, or deleted if {@code keepUnsent} is false. */
    void signOut(boolean keepUnsent);

    // ---- what the phone holds (works offline)
    List<RequestDetail> jobs();

    List<RequestDetail> myRequests();

    List<SyncClient.LocalReport> localReports();

    Optional<RequestDetail> request(UUID id);

    List<Action> pending(UUID request);

    /** Photos taken for actions on a request that are still on the phone only. */
    List<UUID> pendingPhotos(UUID request);

    List<NotificationView> notifications();

    List<ServiceCategoryView> categories();

    SyncClient.Status syncStatus();

    // ---- the user's actions (saved first, sent later)
    UUID report(NewRequest request, List<SyncClient.LocalPhoto> photos);

    void act(UUID request, ActionRequest action, List<SyncClient.LocalPhoto> photos);

    // ---- live (need the network now)
    List<NearbyRequest> nearby(String category, Optional<UUID> building, Optional<GeoPoint> point) throws AppException;

    List<BuildingView> buildings(String query) throws AppException;

    void follow(UUID request) throws AppException;

    List<FollowedRequest> following() throws AppException;

    void markRead(UUID notification) throws AppException;

    Optional<byte[]> thumbnail(UUID photo);
}
