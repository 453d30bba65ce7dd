package org.opencity.backend.requests;

import io.helidon.dbclient.DbRow;
import org.opencity.backend.db.Rows;
import org.opencity.model.SlaStage;
import org.opencity.model.request.Priority;
import org.opencity.model.request.Status;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The state of one request that actions are decided on, read under a row lock. */
record RequestRow(UUID id, UUID cityId, String number, Status status, Priority priority, UUID categoryId,
                  Optional<UUID> reporterId, Optional<UUID> technicianId, Optional<UUID> organisationId,
                  Optional<UUID> buildingId, Optional<SlaStage> stage, Optional<Instant> stageStartedAt,
                  Optional<Instant> dueAt, Optional<Instant> pausedAt, Optional<Long> pausedRemainingSec,
                  Optional<Integer> rating, Optional<UUID> duplicateOf, int version, Instant createdAt,
                  Optional<String> attention) {

    static final String COLUMNS = """
            r.id, r.city_id, r.number, r.status, r.priority, r.category_id, r.reporter_id, r.technician_id,
            r.organisation_id, r.building_id, r.stage, r.stage_started_at, r.due_at, r.paused_at, r.paused_remaining_sec,
            r.rating, r.duplicate_of, r.version, r.created_at, r.attention""";

    static RequestRow of(DbRow row) {
        return new RequestRow(Rows.uuid(row, "id"), Rows.uuid(row, "city_id"), Rows.string(row, "number"),
                              Status.valueOf(Rows.string(row, "status")), Priority.valueOf(Rows.string(row, "priority")),
                              Rows.uuid(row, "category_id"), Rows.optionalUuid(row, "reporter_id"),
                              Rows.optionalUuid(row, "technician_id"), Rows.optionalUuid(row, "organisation_id"),
                              Rows.optionalUuid(row, "building_id"),
                              Rows.optionalString(row, "stage").map(SlaStage::valueOf),
                              Rows.optionalInstant(row, "stage_started_at"), Rows.optionalInstant(row, "due_at"),
                              Rows.optionalInstant(row, "paused_at"), Rows.optionalLong(row, "paused_remaining_sec"),
                              Rows.optionalInt(row, "rating"), Rows.optionalUuid(row, "duplicate_of"),
                              Rows.intValue(row, "version"), Rows.instant(row, "created_at"),
                              Rows.optionalString(row, "attention"));
    }
}
