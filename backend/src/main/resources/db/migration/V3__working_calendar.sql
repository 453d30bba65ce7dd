-- Working calendars: the days that differ from "Monday to Friday, full day". A city names its
-- calendar and working hours; business-time deadlines are counted on them.
--   HOLIDAY  a weekday without work (public holiday, or a day off moved there)
--   WORKDAY  a Saturday or Sunday with work (a transferred working day); a full day unless SHORT too
--   SHORT    a working day one hour shorter (the day before a public holiday)
-- The Russian calendar: 2025 and 2026 from the government's decrees on transferring days off,
-- 2027 projected from the Labour Code (art. 112) until its decree is published; city admins can
-- correct the data.

ALTER TABLE city
    ADD COLUMN calendar       text NOT NULL DEFAULT 'RU',
    ADD COLUMN work_starts_at time NOT NULL DEFAULT '09:00',
    ADD COLUMN work_ends_at   time NOT NULL DEFAULT '18:00',
    ADD CHECK (work_ends_at > work_starts_at);

CREATE TABLE calendar_day (
    calendar  text NOT NULL,
    day       date NOT NULL,
    kind      text NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY', 'SHORT', 'SHORT_WORKDAY')),
    PRIMARY KEY (calendar, day)
);

INSERT INTO calendar_day (calendar, day, kind) VALUES
    ('RU', DATE '2025-01-01', 'HOLIDAY'),
    ('RU', DATE '2025-01-02', 'HOLIDAY'),
    ('RU', DATE '2025-01-03', 'HOLIDAY'),
    ('RU', DATE '2025-01-06', 'HOLIDAY'),
    ('RU', DATE '2025-01-07', 'HOLIDAY'),
    ('RU', DATE '2025-01-08', 'HOLIDAY'),
    ('RU', DATE '2025-05-01', 'HOLIDAY'),
    ('RU', DATE '2025-05-02', 'HOLIDAY'),
    ('RU', DATE '2025-05-08', 'HOLIDAY'),
    ('RU', DATE '2025-05-09', 'HOLIDAY'),
    ('RU', DATE '2025-06-12', 'HOLIDAY'),
    ('RU', DATE '2025-06-13', 'HOLIDAY'),
    ('RU', DATE '2025-11-03', 'HOLIDAY'),
    ('RU', DATE '2025-11-04', 'HOLIDAY'),
    ('RU', DATE '2025-12-31', 'HOLIDAY'),
    ('RU', DATE '2026-01-01', 'HOLIDAY'),
    ('RU', DATE '2026-01-02', 'HOLIDAY'),
    ('RU', DATE '2026-01-05', 'HOLIDAY'),
    ('RU', DATE '2026-01-06', 'HOLIDAY'),
    ('RU', DATE '2026-01-07', 'HOLIDAY'),
    ('RU', DATE '2026-01-08', 'HOLIDAY'),
    ('RU', DATE '2026-01-09', 'HOLIDAY'),
    ('RU', DATE '2026-02-23', 'HOLIDAY'),
    ('RU', DATE '2026-03-09', 'HOLIDAY'),
    ('RU', DATE '2026-05-01', 'HOLIDAY'),
    ('RU', DATE '2026-05-11', 'HOLIDAY'),
    ('RU', DATE '2026-06-12', 'HOLIDAY'),
    ('RU', DATE '2026-11-04', 'HOLIDAY'),
    ('RU', DATE '2026-12-31', 'HOLIDAY'),
    ('RU', DATE '2027-01-01', 'HOLIDAY'),
    ('RU', DATE '2027-01-04', 'HOLIDAY'),
    ('RU', DATE '2027-01-05', 'HOLIDAY'),
    ('RU', DATE '2027-01-06', 'HOLIDAY'),
    ('RU', DATE '2027-01-07', 'HOLIDAY'),
    ('RU', DATE '2027-01-08', 'HOLIDAY'),
    ('RU', DATE '2027-02-23', 'HOLIDAY'),
    ('RU', DATE '2027-03-08', 'HOLIDAY'),
    ('RU', DATE '2027-05-03', 'HOLIDAY'),
    ('RU', DATE '2027-05-10', 'HOLIDAY'),
    ('RU', DATE '2027-06-14', 'HOLIDAY'),
    ('RU', DATE '2027-11-04', 'HOLIDAY'),
    ('RU', DATE '2025-11-01', 'WORKDAY'),
    ('RU', DATE '2025-03-07', 'SHORT'),
    ('RU', DATE '2025-04-30', 'SHORT'),
    ('RU', DATE '2025-06-11', 'SHORT'),
    ('RU', DATE '2026-04-30', 'SHORT'),
    ('RU', DATE '2026-05-08', 'SHORT'),
    ('RU', DATE '2026-06-11', 'SHORT'),
    ('RU', DATE '2026-11-03', 'SHORT'),
    ('RU', DATE '2027-02-22', 'SHORT'),
    ('RU', DATE '2027-04-30', 'SHORT'),
    ('RU', DATE '2027-06-11', 'SHORT'),
    ('RU', DATE '2027-11-03', 'SHORT'),
    ('RU', DATE '2027-12-31', 'SHORT');

UPDATE calendar_day SET kind = 'SHORT_WORKDAY' WHERE calendar = 'RU' AND day = DATE '2025-11-01';
