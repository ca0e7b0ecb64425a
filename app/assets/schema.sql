-- The staffnet serve database (app/store.cpp). Nothing is ever deleted: a removed tie keeps its
-- row with removed = 1, and every change is a row of the append-only edits log.
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL            -- JSON
);

CREATE TABLE IF NOT EXISTS people (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    school     TEXT NOT NULL,      -- '' for the central office
    responded  INTEGER,            -- 1, 0 or NULL (unknown)
    attributes TEXT NOT NULL       -- JSON array, one value per meta 'attribute_names'
);

CREATE TABLE IF NOT EXISTS schools (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    measures   TEXT NOT NULL,      -- JSON array (null = blank), one per meta 'measure_names'
    attributes TEXT NOT NULL       -- JSON array, one per meta 'school_attribute_names'
);

-- Meetings (waves): the ties of each meeting are its own rows; starting one copies the current
-- meeting's ties forward.
CREATE TABLE IF NOT EXISTS meetings (
    id      INTEGER PRIMARY KEY,
    label   TEXT NOT NULL UNIQUE,
    started TEXT NOT NULL          -- UTC, ISO 8601
);

CREATE TABLE IF NOT EXISTS ties (
    id      INTEGER PRIMARY KEY,
    meeting INTEGER NOT NULL REFERENCES meetings(id),
    source  TEXT NOT NULL REFERENCES people(id),
    target  TEXT NOT NULL REFERENCES people(id),
    type    TEXT NOT NULL,
    weight  REAL NOT NULL CHECK (weight > 0),
    removed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS ties_by_meeting ON ties(meeting, removed);

-- The edit log: what changed (action and the row before and after, as JSON), from which page
-- session, and when. Rows are only ever inserted.
CREATE TABLE IF NOT EXISTS edits (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,         -- UTC, ISO 8601 with milliseconds
    session TEXT NOT NULL,         -- the page session's public id ('import', 'api' without a session)
    action  TEXT NOT NULL,         -- import, add_tie, remove_tie, add_person, add_school, start_meeting, undo
    meeting INTEGER REFERENCES meetings(id),
    tie     INTEGER REFERENCES ties(id),
    undoes  INTEGER REFERENCES edits(id),
    detail  TEXT NOT NULL          -- JSON
);
CREATE INDEX IF NOT EXISTS edits_by_session ON edits(session);
CREATE INDEX IF NOT EXISTS edits_by_undoes ON edits(undoes);
