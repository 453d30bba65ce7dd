-- The city as data: districts, buildings, the organisations that serve them, the service
-- catalogue with its deadlines, and who is responsible for what where.

CREATE TABLE city (
    id          uuid PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Z]{2,5}$'),   -- prefix of request numbers
    name_en     text NOT NULL,
    name_ru     text NOT NULL,
    name_tt     text NOT NULL,
    timezone    text NOT NULL,
    centre_lat  double precision NOT NULL,
    centre_lon  double precision NOT NULL,
    -- polygon [[lat, lon], ...] bounding the city; a request outside it is refused
    boundary    jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE district (
    id          uuid PRIMARY KEY,
    city_id     uuid NOT NULL REFERENCES city (id),
    code        text NOT NULL CHECK (code ~ '^[a-z0-9-]{2,40}$'),
    name_en     text NOT NULL,
    name_ru     text NOT NULL,
    name_tt     text NOT NULL,
    centre_lat  double precision NOT NULL,
    centre_lon  double precision NOT NULL,
    radius_m    integer NOT NULL CHECK (radius_m > 0),
    UNIQUE (city_id, code)
);

CREATE TABLE organisation (
    id          uuid PRIMARY KEY,
    city_id     uuid NOT NULL REFERENCES city (id),
    kind        text NOT NULL CHECK (kind IN ('MANAGEMENT_COMPANY', 'CONTRACTOR', 'RESOURCE_SUPPLIER',
                                              'CITY_COMMITTEE', 'CALL_CENTRE')),
    code        text NOT NULL CHECK (code ~ '^[a-z0-9-]{2,40}$'),
    name_en     text NOT NULL,
    name_ru     text NOT NULL,
    phone       text,
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (city_id, code)
);

CREATE TABLE building (
    id               uuid PRIMARY KEY,
    city_id          uuid NOT NULL REFERENCES city (id),
    district_id      uuid NOT NULL REFERENCES district (id),
    street_ru        text NOT NULL,
    street_en        text NOT NULL,
    house            text NOT NULL,
    floors           smallint NOT NULL CHECK (floors BETWEEN 1 AND 100),
    entrances        smallint NOT NULL CHECK (entrances BETWEEN 1 AND 50),
    flats            integer NOT NULL CHECK (flats >= 0),
    lat              double precision NOT NULL,
    lon              double precision NOT NULL,
    managing_org_id  uuid REFERENCES organisation (id),
    UNIQUE (city_id, street_ru, house)
);
CREATE INDEX building_district_idx ON building (district_id);
CREATE INDEX building_managing_org_idx ON building (managing_org_id);
-- address search by the call centre: street prefix, then house
CREATE INDEX building_street_idx ON building (city_id, lower(street_ru) text_pattern_ops, house);
CREATE INDEX building_street_en_idx ON building (city_id, lower(street_en) text_pattern_ops, house);

CREATE TABLE service_category (
    id          uuid PRIMARY KEY,
    city_id     uuid NOT NULL REFERENCES city (id),
    code        text NOT NULL CHECK (code ~ '^[a-z0-9-]{2,40}$'),
    group_code  text NOT NULL,
    name_en     text NOT NULL,
    name_ru     text NOT NULL,
    name_tt     text NOT NULL,
    icon        text NOT NULL,
    emergency   boolean NOT NULL DEFAULT false,
    -- outdoor problems (yards, snow) are matched for duplicates by distance, not by building
    outdoor     boolean NOT NULL DEFAULT false,
    skill       text NOT NULL,
    active      boolean NOT NULL DEFAULT true,
    sort_order  integer NOT NULL DEFAULT 0,
    UNIQUE (city_id, code)
);

-- How long each stage may take. Emergencies run on clock time, the rest on business time.
CREATE TABLE category_sla (
    category_id      uuid NOT NULL REFERENCES service_category (id) ON DELETE CASCADE,
    stage            text NOT NULL CHECK (stage IN ('ACCEPT', 'START', 'COMPLETE', 'CONFIRM')),
    duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
    PRIMARY KEY (category_id, stage)
);

-- Who answers for a category in a territory (a whole district, or a single building), and when.
CREATE TABLE responsibility (
    id               uuid PRIMARY KEY,
    organisation_id  uuid NOT NULL REFERENCES organisation (id),
    category_id      uuid NOT NULL REFERENCES service_category (id),
    district_id      uuid REFERENCES district (id),
    building_id      uuid REFERENCES building (id),
    valid_from       date NOT NULL,
    valid_to         date,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((district_id IS NULL) <> (building_id IS NULL)),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX responsibility_district_idx ON responsibility (category_id, district_id) WHERE district_id IS NOT NULL;
CREATE INDEX responsibility_building_idx ON responsibility (category_id, building_id) WHERE building_id IS NOT NULL;
CREATE INDEX responsibility_org_idx ON responsibility (organisation_id);

-- People: residents (phone sign-in) and staff (login and password).
CREATE TABLE app_user (
    id               uuid PRIMARY KEY,
    city_id          uuid NOT NULL REFERENCES city (id),
    kind             text NOT NULL CHECK (kind IN ('RESIDENT', 'STAFF')),
    login            text,
    phone            text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    password_hash    text,
    display_name     text NOT NULL,
    locale           text NOT NULL DEFAULT 'ru' CHECK (locale IN ('ru', 'tt', 'en')),
    organisation_id  uuid REFERENCES organisation (id),
    active           boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (kind <> 'STAFF' OR (login IS NOT NULL AND password_hash IS NOT NULL)),
    CHECK (kind <> 'RESIDENT' OR phone IS NOT NULL)
);
CREATE UNIQUE INDEX app_user_login_idx ON app_user (lower(login)) WHERE login IS NOT NULL;
CREATE UNIQUE INDEX app_user_phone_idx ON app_user (phone) WHERE phone IS NOT NULL;
CREATE INDEX app_user_org_idx ON app_user (organisation_id) WHERE organisation_id IS NOT NULL;

CREATE TABLE user_role (
    user_id  uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role     text NOT NULL CHECK (role IN ('RESIDENT', 'CALL_CENTRE_OPERATOR', 'TECHNICIAN', 'ORG_DISPATCHER',
                                           'ORG_ADMIN', 'CITY_DISPATCHER', 'CITY_ADMIN')),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE technician_skill (
    user_id  uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    skill    text NOT NULL,
    PRIMARY KEY (user_id, skill)
);

-- Data seeds that ran, so that a restart never seeds twice.
CREATE TABLE seed_run (
    name        text PRIMARY KEY,
    version     integer NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
);
