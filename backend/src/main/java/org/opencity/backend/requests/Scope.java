package org.opencity.backend.requests;

import org.opencity.backend.accounts.Caller;
import org.opencity.model.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which requests a caller may see, as an SQL condition on the alias {@code r}: the city for city
 * roles and the call centre, the responsible organisation's requests for its dispatchers and
 * admins, their assigned jobs for technicians, their own reports for residents. Every query on
 * requests includes it, so another organisation's request is simply not found.
 */
public final class Scope {

    private Scope() {
    }

    /** Adds the condition's parameters to {@code params} and returns the condition. */
    public static String of(Caller caller, Map<String, Object> params) {
        List<String> any = new ArrayList<>();
        if (caller.cityWide()) {
            any.add("r.city_id = :scopeCity");
            params.put("scopeCity", caller.cityId());
        }
        if ((caller.has(Role.ORG_DISPATCHER) || caller.has(Role.ORG_ADMIN)) && caller.organisationId().isPresent()) {
            any.add("r.organisation_id = :scopeOrg");
            params.put("scopeOrg", caller.organisationId().get());
        }
        if (caller.has(Role.TECHNICIAN)) {
            any.add("r.technician_id = :scopeUser");
            params.put("scopeUser", caller.userId());
        }
        if (caller.has(Role.RESIDENT)) {
            any.add("r.reporter_id = :scopeUser");
            params.put("scopeUser", caller.userId());
        }
        return any.isEmpty() ? "false" : "(" + String.join(" OR ", any) + ")";
    }
}
