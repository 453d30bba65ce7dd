package org.opencity.backend;

import io.helidon.webserver.http.HttpRules;
import org.opencity.backend.accounts.AuthService;
import org.opencity.backend.accounts.DevSmsService;
import org.opencity.backend.accounts.MeService;
import org.opencity.backend.admin.AdminService;
import org.opencity.backend.admin.CalendarService;
import org.opencity.backend.admin.SlaService;
import org.opencity.backend.catalogue.CatalogueService;
import org.opencity.backend.catalogue.DirectoryService;
import org.opencity.backend.feedback.FeedbackService;
import org.opencity.backend.integrations.IntegrationsService;
import org.opencity.backend.notify.NotificationsService;
import org.opencity.backend.notify.PushFailures;
import org.opencity.backend.open311.Open311Service;
import org.opencity.backend.photos.PhotosService;
import org.opencity.backend.sync.SyncHttpService;
import org.opencity.backend.requests.PublicService;
import org.opencity.backend.requests.RequestsService;
import org.opencity.backend.reports.ReportsService;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.observe.Metrics;
import org.opencity.backend.web.AccessPolicy;

import java.util.Optional;

import static io.helidon.http.Method.DELETE;
import static io.helidon.http.Method.GET;
import static io.helidon.http.Method.HEAD;
import static io.helidon.http.Method.PATCH;
import static io.helidon.http.Method.POST;
import static io.helidon.http.Method.PUT;
import static org.opencity.model.Role.CALL_CENTRE_OPERATOR;
import static org.opencity.model.Role.CITY_ADMIN;
import static org.opencity.model.Role.CITY_DISPATCHER;
import static org.opencity.model.Role.ORG_ADMIN;
import static org.opencity.model.Role.ORG_DISPATCHER;
import static org.opencity.model.Role.RESIDENT;

/**
 * Every HTTP route the backend registers, and who may call each: the two lists side by side, so
 * that adding a route means deciding its audience. Tests check that both match each other and
 * the OpenAPI document.
 */
public final class Api {

    /** The services behind the routes; one field per HTTP resource. */
    public record Services(CatalogueService catalogue, DirectoryService directory, RequestsService requests, PublicService publicPages,
                           IntegrationsService integrations, PhotosService photos, SyncHttpService sync, AuthService auth,
                           MeService me, NotificationsService notifications, PushFailures pushFailures, AdminService admin,
                           SlaService slas, CalendarService calendar, FeedbackService feedback, Open311Service open311,
                           ReportsService reports,
                           Optional<DevSmsService> devSms, Metrics metrics) {
    }

    private Api() {
    }

    public static void routes(HttpRules rules, Services services) {
        rules.register("/api/v1", services.catalogue())
                .register("/api/v1", services.directory())
                .register("/api/v1", services.reports())   // before requests: /requests/export.csv is not a request id
                .register("/api/v1", services.requests())
                .register("/api/v1/public", services.reports().publicRoutes())
                .register("/api/v1/public", services.publicPages())
                .register("/api/v1/public", services.feedback().publicRoutes())
                .register("/api/v1/admin", services.feedback().staffRoutes())
                .register("/api/v1", services.integrations())
                .register("/api/v1/photos", services.photos())
                .register("/api/v1/sync", services.sync())
                .register("/api/v1/auth", services.auth())
                .register("/api/v1/me", services.me())
                .register("/api/v1/me", services.notifications())
                .register("/api/v1/admin", services.pushFailures())
                .register("/api/v1/admin", services.admin())
                .register("/api/v1/admin", services.slas())
                .register("/api/v1/admin", services.calendar())
                .register("/metrics", services.metrics())
                .register("/api/v1", services.open311().staff())
                .register("/open311/v2", services.open311());
        services.devSms().ifPresent(dev -> rules.register("/dev", dev));
        rules.any("/api/*", (req, res) -> {
            throw new NotFound("no API resource at " + req.path().path());
        });
    }

    /** The role × route table (see {@link AccessPolicy}). */
    public static AccessPolicy policy() {
        return AccessPolicy.builder()
                .publicRoute(GET, "/api/v1/categories")
                .publicRoute(GET, "/api/v1/districts")
                .publicRoute(GET, "/api/v1/public/contacts")
                .publicRoute(GET, "/api/v1/public/map")
                .publicRoute(GET, "/api/v1/public/requests/{number}")
                .publicRoute(GET, "/api/v1/public/photos/{photoId}")
                .publicRoute(POST, "/api/v1/public/feedback")
                .roles(GET, "/api/v1/admin/feedback", CITY_DISPATCHER, CITY_ADMIN)
                .roles(POST, "/api/v1/admin/feedback/{feedbackId}/read", CITY_DISPATCHER, CITY_ADMIN)
                .roles(POST, "/api/v1/requests", RESIDENT, CALL_CENTRE_OPERATOR)
                .signedIn(GET, "/api/v1/requests")
                .signedIn(GET, "/api/v1/requests/nearby")
                .roles(GET, "/api/v1/requests/stream", CALL_CENTRE_OPERATOR, ORG_DISPATCHER, ORG_ADMIN, CITY_DISPATCHER, CITY_ADMIN)
                .roles(GET, "/api/v1/requests/map", CALL_CENTRE_OPERATOR, ORG_DISPATCHER, ORG_ADMIN, CITY_DISPATCHER, CITY_ADMIN)
                // before {requestId}: the first matching rule decides
                .roles(GET, "/api/v1/requests/export.csv", CALL_CENTRE_OPERATOR, ORG_DISPATCHER, ORG_ADMIN, CITY_DISPATCHER, CITY_ADMIN)
                .signedIn(GET, "/api/v1/requests/{requestId}")
                .signedIn(GET, "/api/v1/requests/{requestId}/open311")
                .signedIn(POST, "/api/v1/requests/{requestId}/actions")
                .roles(POST, "/api/v1/requests/{requestId}/follow", RESIDENT)
                .roles(DELETE, "/api/v1/requests/{requestId}/follow", RESIDENT)
                .roles(GET, "/api/v1/me/following", RESIDENT)
                .roles(GET, "/api/v1/callers", CALL_CENTRE_OPERATOR, CITY_DISPATCHER, CITY_ADMIN)
                .signedIn(GET, "/api/v1/buildings")
                .roles(GET, "/api/v1/technicians", ORG_DISPATCHER, ORG_ADMIN, CITY_DISPATCHER, CITY_ADMIN)
                .apiClient(POST, "/api/v1/intake/requests")
                .apiClient(GET, "/api/v1/intake/requests/{requestId}")
                .signedIn(GET, "/api/v1/photos/{photoId}/upload")
                .signedIn(PUT, "/api/v1/photos/{photoId}/upload")
                .signedIn(GET, "/api/v1/photos/{photoId}/display")
                .signedIn(GET, "/api/v1/photos/{photoId}/thumbnail")
                .roles(GET, "/api/v1/photos/{photoId}/original", ORG_DISPATCHER, ORG_ADMIN, CITY_DISPATCHER, CITY_ADMIN)
                .signedIn(POST, "/api/v1/sync/push")
                .signedIn(GET, "/api/v1/sync/pull")
                .roles(GET, "/api/v1/admin/api-clients", CITY_ADMIN)
                .roles(POST, "/api/v1/admin/api-clients", CITY_ADMIN)
                .roles(DELETE, "/api/v1/admin/api-clients/{clientId}", CITY_ADMIN)
                .publicRoute(POST, "/api/v1/auth/otp")
                .publicRoute(POST, "/api/v1/auth/otp/verify")
                .publicRoute(POST, "/api/v1/auth/login")
                .publicRoute(POST, "/api/v1/auth/refresh")
                .enrolling(POST, "/api/v1/auth/logout")
                .publicRoute(POST, "/api/v1/auth/web/login")
                .publicRoute(POST, "/api/v1/auth/web/refresh")
                .publicRoute(POST, "/api/v1/auth/web/logout")
                .enrolling(GET, "/api/v1/me")
                .signedIn(GET, "/api/v1/me/devices")
                .signedIn(DELETE, "/api/v1/me/devices/{deviceId}")
                .enrolling(POST, "/api/v1/me/totp")
                .enrolling(POST, "/api/v1/me/totp/confirm")
                .signedIn(POST, "/api/v1/me/totp/disable")
                .signedIn(GET, "/api/v1/me/notifications")
                .signedIn(GET, "/api/v1/me/notifications/stream")
                .signedIn(POST, "/api/v1/me/notifications/read-all")
                .signedIn(POST, "/api/v1/me/notifications/{notificationId}/read")
                .signedIn(PUT, "/api/v1/me/push-token")
                .signedIn(DELETE, "/api/v1/me/push-token")
                .roles(GET, "/api/v1/admin/push-failures", ORG_ADMIN, CITY_ADMIN)
                .roles(GET, "/api/v1/admin/users", ORG_ADMIN, CITY_ADMIN)
                .roles(POST, "/api/v1/admin/users", ORG_ADMIN, CITY_ADMIN)
                .roles(GET, "/api/v1/admin/users/{userId}", ORG_ADMIN, CITY_ADMIN)
                .roles(PATCH, "/api/v1/admin/users/{userId}", ORG_ADMIN, CITY_ADMIN)
                .roles(GET, "/api/v1/admin/users/{userId}/devices", ORG_ADMIN, CITY_ADMIN)
                .roles(DELETE, "/api/v1/admin/users/{userId}/devices/{deviceId}", ORG_ADMIN, CITY_ADMIN)
                .roles(DELETE, "/api/v1/admin/users/{userId}/sign-in-delay", ORG_ADMIN, CITY_ADMIN)
                .roles(GET, "/api/v1/admin/organisations", CALL_CENTRE_OPERATOR, ORG_DISPATCHER, ORG_ADMIN, CITY_DISPATCHER, CITY_ADMIN)
                .roles(POST, "/api/v1/admin/organisations", CITY_ADMIN)
                .roles(GET, "/api/v1/admin/organisations/{organisationId}", ORG_ADMIN, CITY_ADMIN)
                .roles(PATCH, "/api/v1/admin/organisations/{organisationId}", CITY_ADMIN)
                .roles(GET, "/api/v1/admin/organisations/{organisationId}/responsibilities", ORG_ADMIN, CITY_ADMIN)
                // new territory is a city admin's act; organisation admins only end their own lines
                .roles(POST, "/api/v1/admin/organisations/{organisationId}/responsibilities", CITY_ADMIN)
                .roles(DELETE, "/api/v1/admin/responsibilities/{responsibilityId}", ORG_ADMIN, CITY_ADMIN)
                .roles(GET, "/api/v1/admin/security-events", CITY_ADMIN)
                .roles(GET, "/api/v1/admin/slas", ORG_ADMIN, CITY_ADMIN)
                .roles(PUT, "/api/v1/admin/slas/{categoryCode}", CITY_ADMIN)
                .roles(GET, "/api/v1/admin/organisations/{organisationId}/slas", ORG_ADMIN, CITY_ADMIN)
                .roles(PUT, "/api/v1/admin/organisations/{organisationId}/slas/{categoryCode}", ORG_ADMIN, CITY_ADMIN)
                .roles(DELETE, "/api/v1/admin/organisations/{organisationId}/slas/{categoryCode}", ORG_ADMIN, CITY_ADMIN)
                .roles(GET, "/api/v1/admin/calendar", CITY_ADMIN)
                .roles(PATCH, "/api/v1/admin/calendar", CITY_ADMIN)
                .roles(PUT, "/api/v1/admin/calendar/days/{date}", CITY_ADMIN)
                .roles(DELETE, "/api/v1/admin/calendar/days/{date}", CITY_ADMIN)
                // Open311: reading is public; filing and updates need the client's api_key, which travels as a form
                // parameter, so the Open311 service checks it (AccessControl guards only headers-authenticated paths)
                .publicRoute(GET, "/open311/v2/discovery.{format}")
                .publicRoute(HEAD, "/open311/v2/discovery.{format}")
                .publicRoute(GET, "/open311/v2/services.{format}")
                .publicRoute(HEAD, "/open311/v2/services.{format}")
                .publicRoute(GET, "/open311/v2/services/{service_code}.{format}")
                .publicRoute(HEAD, "/open311/v2/services/{service_code}.{format}")
                .publicRoute(GET, "/open311/v2/requests.{format}")
                .publicRoute(HEAD, "/open311/v2/requests.{format}")
                .apiClient(POST, "/open311/v2/requests.{format}")
                .publicRoute(GET, "/open311/v2/requests/{service_request_id}.{format}")
                .publicRoute(HEAD, "/open311/v2/requests/{service_request_id}.{format}")
                .publicRoute(GET, "/open311/v2/servicerequestupdates.{format}")
                .publicRoute(HEAD, "/open311/v2/servicerequestupdates.{format}")
                .apiClient(POST, "/open311/v2/servicerequestupdates.{format}")
                .roles(POST, "/api/v1/reports/run", ORG_DISPATCHER, ORG_ADMIN, CITY_DISPATCHER, CITY_ADMIN)
                .roles(GET, "/api/v1/reports/export.csv", ORG_DISPATCHER, ORG_ADMIN, CITY_DISPATCHER, CITY_ADMIN)
                .roles(GET, "/api/v1/reports/requests", ORG_DISPATCHER, ORG_ADMIN, CITY_DISPATCHER, CITY_ADMIN)
                .roles(GET, "/api/v1/reports/saved", ORG_DISPATCHER, ORG_ADMIN, CITY_DISPATCHER, CITY_ADMIN)
                .roles(POST, "/api/v1/reports/saved", ORG_DISPATCHER, ORG_ADMIN, CITY_DISPATCHER, CITY_ADMIN)
                .roles(DELETE, "/api/v1/reports/saved/{reportId}", ORG_DISPATCHER, ORG_ADMIN, CITY_DISPATCHER, CITY_ADMIN)
                .publicRoute(GET, "/api/v1/public/ratings")
                .publicRoute(GET, "/metrics")
                .publicRoute(GET, "/dev/sms")
                .build();
    }
}
