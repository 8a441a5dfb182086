"""Schema migrations by ``PRAGMA user_version``; each step runs in one transaction.

Steps are never edited once released: a new need is a new step. Tests migrate a
database from every earlier version with data in it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import StoreError, translated

_COMMON = """
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
"""

V1_CORE = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE places (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    {_COMMON}
);

CREATE TABLE citizens (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    team_id TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    nickname TEXT NOT NULL DEFAULT '',
    cpr TEXT,
    anonymous INTEGER NOT NULL DEFAULT 0,
    birth_year INTEGER,
    phone TEXT NOT NULL DEFAULT '',
    housing TEXT NOT NULL DEFAULT 'unknown',
    challenges TEXT NOT NULL DEFAULT '[]',
    coordinating_caseworker TEXT NOT NULL DEFAULT '',
    usual_place_ids TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT '',
    {_COMMON}
);

CREATE TABLE notes (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    team_id TEXT NOT NULL,
    caseworker TEXT NOT NULL,
    place_id TEXT REFERENCES places(id) DEFERRABLE INITIALLY DEFERRED,
    event_time TEXT NOT NULL,
    written_time TEXT NOT NULL,
    contact_form TEXT NOT NULL,
    citizen_ids TEXT NOT NULL DEFAULT '[]',
    topics TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL DEFAULT '',
    agreements TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'draft',
    finalised_at TEXT,
    {_COMMON}
);
-- A final note is never edited or deleted, whatever code tries: corrections are addenda.
CREATE TRIGGER notes_final_is_locked BEFORE UPDATE ON notes
WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'note_final'); END;
CREATE TRIGGER notes_final_not_deleted BEFORE DELETE ON notes
WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'note_final'); END;

CREATE TABLE addenda (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    note_id TEXT NOT NULL REFERENCES notes(id) DEFERRABLE INITIALLY DEFERRED,
    author TEXT NOT NULL,
    written_time TEXT NOT NULL,
    text TEXT NOT NULL,
    {_COMMON}
);
CREATE INDEX addenda_note ON addenda(note_id);
CREATE TRIGGER addenda_append_only BEFORE UPDATE ON addenda
BEGIN SELECT RAISE(ABORT, 'addendum_final'); END;

CREATE TABLE plans (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    citizen_id TEXT NOT NULL REFERENCES citizens(id) DEFERRABLE INITIALLY DEFERRED,
    team_id TEXT NOT NULL,
    wish TEXT NOT NULL DEFAULT '',
    follow_up_date TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    consent_id TEXT,
    {_COMMON}
);
CREATE INDEX plans_citizen ON plans(citizen_id);

CREATE TABLE goals (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    plan_id TEXT NOT NULL REFERENCES plans(id) DEFERRABLE INITIALLY DEFERRED,
    life_area TEXT NOT NULL,
    wording TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',
    target_date TEXT,
    parent_goal_id TEXT,
    {_COMMON}
);
CREATE INDEX goals_plan ON goals(plan_id);

CREATE TABLE efforts (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    plan_id TEXT NOT NULL REFERENCES plans(id) DEFERRABLE INITIALLY DEFERRED,
    goal_id TEXT,
    description TEXT NOT NULL,
    responsible TEXT NOT NULL,
    legal_basis TEXT NOT NULL DEFAULT '',
    due_date TEXT,
    status TEXT NOT NULL DEFAULT 'planned',
    {_COMMON}
);
CREATE INDEX efforts_plan ON efforts(plan_id);

CREATE TABLE ratings (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    goal_id TEXT NOT NULL REFERENCES goals(id) DEFERRABLE INITIALLY DEFERRED,
    rated_on TEXT NOT NULL,
    citizen_score INTEGER NOT NULL CHECK (citizen_score BETWEEN 1 AND 10),
    support_need INTEGER CHECK (support_need BETWEEN 0 AND 4),
    rated_by TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT '',
    {_COMMON}
);
CREATE INDEX ratings_goal ON ratings(goal_id, rated_on);

CREATE TABLE consents (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    citizen_id TEXT NOT NULL REFERENCES citizens(id) DEFERRABLE INITIALLY DEFERRED,
    scope TEXT NOT NULL,
    parties TEXT NOT NULL DEFAULT '[]',
    given_on TEXT NOT NULL,
    form TEXT NOT NULL,
    expires_on TEXT,
    withdrawn_on TEXT,
    {_COMMON}
);
CREATE INDEX consents_citizen ON consents(citizen_id);

CREATE TABLE followups (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    citizen_id TEXT NOT NULL REFERENCES citizens(id) DEFERRABLE INITIALLY DEFERRED,
    team_id TEXT NOT NULL,
    description TEXT NOT NULL,
    due TEXT,
    responsible TEXT NOT NULL DEFAULT 'caseworker',
    assignee TEXT NOT NULL DEFAULT '',
    note_id TEXT,
    done_at TEXT,
    {_COMMON}
);
CREATE INDEX followups_citizen ON followups(citizen_id);
CREATE INDEX followups_due ON followups(due) WHERE done_at IS NULL AND deleted_at IS NULL;

-- The only way data leaves the device: one entry per change, written in the same
-- transaction. AUTOINCREMENT so a device counter is never reused after an ack.
CREATE TABLE outbox (
    counter INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    partition TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('upsert', 'delete', 'append')),
    fields TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'conflict', 'rejected')),
    result TEXT
);
CREATE INDEX outbox_record ON outbox(entity, record_id);

-- The server version each field was last seen at: the base of a three-way merge.
CREATE TABLE field_versions (
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (entity, record_id, field)
) WITHOUT ROWID;
"""

# The SQL that (re)builds one search document; shared by the backfill and the repositories.
CITIZEN_FTS_SELECT = """
SELECT c.rid, c.name, c.nickname,
       coalesce(c.cpr, '') || ' ' || replace(coalesce(c.cpr, ''), '-', ''),
       coalesce((SELECT group_concat(p.name, ' ')
                 FROM json_each(c.usual_place_ids) AS j JOIN places AS p ON p.id = j.value), '')
FROM citizens AS c WHERE c.deleted_at IS NULL
"""

NOTE_FTS_SELECT = """
SELECT n.rid,
       n.text || ' ' ||
       coalesce((SELECT group_concat(json_extract(j.value, '$.description'), ' ')
                 FROM json_each(n.agreements) AS j), '') || ' ' ||
       coalesce((SELECT group_concat(a.text, ' ') FROM addenda AS a
                 WHERE a.note_id = n.id AND a.deleted_at IS NULL), '')
FROM notes AS n WHERE n.deleted_at IS NULL
"""

V2_SEARCH = f"""
CREATE VIRTUAL TABLE citizens_fts USING fts5(
    name, nickname, cpr, places,
    content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE notes_fts USING fts5(
    body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO citizens_fts(rowid, name, nickname, cpr, places) {CITIZEN_FTS_SELECT};
INSERT INTO notes_fts(rowid, body) {NOTE_FTS_SELECT};
"""

V3_ACCESS_LOG = """
-- Every read, search, creation, change, export and deletion of personal data, with
-- its purpose. Append-only and hash-chained: each entry's hash covers the previous.
CREATE TABLE access_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    record_id TEXT,
    citizen_id TEXT,
    purpose TEXT NOT NULL,
    criterion TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX access_log_citizen ON access_log(citizen_id, seq);
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log_append_only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log_append_only'); END;
"""

V4_CASELOAD = """
-- Who was present at which contact, as rows: the timeline and the caseload filters
-- ("met at this place", "no contact for 30 days") read this instead of JSON.
CREATE TABLE note_citizens (
    citizen_id TEXT NOT NULL,
    note_id TEXT NOT NULL,
    event_time TEXT NOT NULL,
    PRIMARY KEY (citizen_id, note_id)
) WITHOUT ROWID;
CREATE INDEX note_citizens_note ON note_citizens(note_id);
CREATE INDEX note_citizens_time ON note_citizens(citizen_id, event_time);
INSERT OR IGNORE INTO note_citizens(citizen_id, note_id, event_time)
    SELECT j.value, n.id, n.event_time FROM notes AS n, json_each(n.citizen_ids) AS j
    WHERE n.deleted_at IS NULL;
CREATE INDEX notes_place ON notes(place_id, event_time);
CREATE INDEX notes_event ON notes(event_time);
CREATE INDEX citizens_team ON citizens(team_id) WHERE deleted_at IS NULL;
"""

V5_SYNC = """
-- What this device knows of each record on the server: its partition, the newest
-- version it has seen, and whether it is a tombstone. Compared with the server after
-- every sync (count + hash per partition); a mismatch is repaired, never ignored.
CREATE TABLE sync_records (
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    partition TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity, record_id)
) WITHOUT ROWID;
CREATE INDEX sync_records_partition ON sync_records(partition);
-- Conflicts the server recorded, kept until a person resolves them.
CREATE TABLE sync_conflicts (
    id TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    detail TEXT NOT NULL,
    received_at TEXT NOT NULL,
    resolved_at TEXT
) WITHOUT ROWID;
"""

V6_SHADOW = """
-- The server's value of a field while a local edit of it is still pending: what the
-- laptop falls back to if the server answers "conflict" (the provisional winner, shown
-- on every device) or "rejected". Rows go once the pending edit is answered.
CREATE TABLE sync_shadow (
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (entity, record_id, field)
) WITHOUT ROWID;
"""


_REVIEW_STATE = """
    DELETE FROM review_state WHERE note_id = {note};
    INSERT INTO review_state(note_id, review_id, state)
    SELECT l.note_id, l.id,
           CASE WHEN EXISTS (SELECT 1 FROM addenda AS a WHERE a.note_id = l.note_id
                             AND a.deleted_at IS NULL AND a.id NOT IN
                             (SELECT value FROM json_each(l.addendum_ids)))
                THEN 'reopened' ELSE l.outcome END
    FROM (SELECT r.note_id, r.id, r.outcome, r.addendum_ids FROM reviews AS r
          WHERE r.note_id = {note} AND r.deleted_at IS NULL AND NOT EXISTS
                (SELECT 1 FROM outbox AS o WHERE o.entity = 'review'
                 AND o.record_id = r.id AND o.state = 'rejected')
          ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1) AS l;
"""

V7_REVIEWS = f"""
-- A team lead's reviews of final notes. Written once, never changed (a new decision is
-- a new review); the note's review state is derived: the latest review, re-opened by any
-- addendum it did not name. No foreign key: a review may arrive in a page before the
-- note it names is repaired into this laptop.
CREATE TABLE reviews (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    note_id TEXT NOT NULL,
    team_id TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0,
    addendum_ids TEXT NOT NULL DEFAULT '[]',
    outcome TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    {_COMMON}
);
CREATE INDEX reviews_note ON reviews(note_id, reviewed_at);
CREATE TRIGGER reviews_written_once BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'review_final'); END;
-- Each reviewed note's current state, kept by triggers so the queue reads it by key:
-- the latest review (by time, then id) that the server has not rejected, re-opened by any
-- addendum it did not name. A final note without a row waits for its first review.
CREATE TABLE review_state (
    note_id TEXT PRIMARY KEY,
    review_id TEXT NOT NULL,
    state TEXT NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER review_state_on_review AFTER INSERT ON reviews
BEGIN {_REVIEW_STATE.format(note="NEW.note_id")} END;
CREATE TRIGGER review_state_on_addendum AFTER INSERT ON addenda
BEGIN {_REVIEW_STATE.format(note="NEW.note_id")} END;
CREATE TRIGGER review_state_on_rejection AFTER UPDATE OF state ON outbox
WHEN NEW.entity = 'review'
BEGIN {_REVIEW_STATE.format(note="(SELECT note_id FROM reviews WHERE id = NEW.record_id)")} END;
CREATE TRIGGER review_state_on_discard AFTER DELETE ON outbox
WHEN OLD.entity = 'review' AND OLD.state = 'rejected'
BEGIN {_REVIEW_STATE.format(note="(SELECT note_id FROM reviews WHERE id = OLD.record_id)")} END;
-- Oversight lists the changes the server rejected; the outbox is mostly pending entries.
CREATE INDEX outbox_state ON outbox(state);
-- The review queue and the oversight read final notes by team and time.
CREATE INDEX notes_final_team ON notes(team_id, event_time)
    WHERE status = 'final' AND deleted_at IS NULL;
-- Names of the people whose changes arrived by sync (the change feed names its author),
-- so a team lead sees caseworkers by name, not by id.
CREATE TABLE known_users (
    user_id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL
) WITHOUT ROWID;
-- Housing situation over time (Housing First): one row per change of a citizen's
-- housing, written by triggers whether the change was made here or arrived by sync.
CREATE TABLE housing_history (
    citizen_id TEXT NOT NULL,
    at TEXT NOT NULL,
    housing TEXT NOT NULL
);
CREATE INDEX housing_history_citizen ON housing_history(citizen_id, at);
INSERT INTO housing_history(citizen_id, at, housing)
    SELECT id, created_at, housing FROM citizens WHERE deleted_at IS NULL;
CREATE TRIGGER citizens_housing_added AFTER INSERT ON citizens
BEGIN
    INSERT INTO housing_history(citizen_id, at, housing)
    VALUES (NEW.id, NEW.updated_at, NEW.housing);
END;
CREATE TRIGGER citizens_housing_changed AFTER UPDATE OF housing ON citizens
WHEN OLD.housing IS NOT NEW.housing
BEGIN
    INSERT INTO housing_history(citizen_id, at, housing)
    VALUES (NEW.id, NEW.updated_at, NEW.housing);
END;
"""

V8_RECORD_VERSIONS = """
-- Field versions, one row per record (a JSON object of field name to version) instead of
-- one row per field: a record has a dozen fields, and a laptop's first sync wrote a dozen
-- rows per record, four in ten of the pages a full pull wrote. Same content, same rules.
CREATE TABLE record_versions (
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    versions TEXT NOT NULL,
    PRIMARY KEY (entity, record_id)
) WITHOUT ROWID;
INSERT INTO record_versions(entity, record_id, versions)
    SELECT entity, record_id, json_group_object(field, version)
    FROM field_versions GROUP BY entity, record_id;
DROP TABLE field_versions;
"""

# The caseload's default order (by name, the nickname for anonymous contacts) read from an
# index instead of sorted per query: the unfiltered list is what every emptied search box
# shows, and sorting 5,000 rows took most of that keystroke's time. The expression must stay
# the same as the caseload's sort (caseload._SORT_SQL) for the planner to use it.
V9_CASELOAD_ORDER = """
CREATE INDEX citizens_by_name ON citizens(
    (CASE WHEN name = '' THEN nickname ELSE name END) COLLATE NOCASE, rid
) WHERE deleted_at IS NULL;
"""

# Each partition's sync digest (count, and the sum of its records' line hashes: see
# sync.protocol.digest.SUM_DIGEST), kept by triggers as sync_records change, so the check
# after a sync reads one row per team instead of hashing every record the laptop holds.
# od_digest_step is registered on every connection (connection.configure). No "OR IGNORE" in
# the triggers: the upsert that fires them would override it.
V10_PARTITION_SUMS = """
CREATE TABLE sync_partition_sums (
    partition TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    total BLOB NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER sync_records_sum_added AFTER INSERT ON sync_records
BEGIN
    INSERT INTO sync_partition_sums(partition, count, total)
    SELECT NEW.partition, 0, zeroblob(32)
    WHERE NOT EXISTS (SELECT 1 FROM sync_partition_sums WHERE partition = NEW.partition);
    UPDATE sync_partition_sums SET count = count + 1,
        total = od_digest_step(total, NEW.entity, NEW.record_id, NEW.version, NEW.deleted, 1)
    WHERE partition = NEW.partition;
END;
CREATE TRIGGER sync_records_sum_removed AFTER DELETE ON sync_records
BEGIN
    UPDATE sync_partition_sums SET count = count - 1,
        total = od_digest_step(total, OLD.entity, OLD.record_id, OLD.version, OLD.deleted, -1)
    WHERE partition = OLD.partition;
END;
CREATE TRIGGER sync_records_sum_changed AFTER UPDATE ON sync_records
WHEN OLD.partition IS NOT NEW.partition OR OLD.version IS NOT NEW.version
    OR OLD.deleted IS NOT NEW.deleted OR OLD.entity IS NOT NEW.entity
    OR OLD.record_id IS NOT NEW.record_id
BEGIN
    UPDATE sync_partition_sums SET count = count - 1,
        total = od_digest_step(total, OLD.entity, OLD.record_id, OLD.version, OLD.deleted, -1)
    WHERE partition = OLD.partition;
    INSERT INTO sync_partition_sums(partition, count, total)
    SELECT NEW.partition, 0, zeroblob(32)
    WHERE NOT EXISTS (SELECT 1 FROM sync_partition_sums WHERE partition = NEW.partition);
    UPDATE sync_partition_sums SET count = count + 1,
        total = od_digest_step(total, NEW.entity, NEW.record_id, NEW.version, NEW.deleted, 1)
    WHERE partition = NEW.partition;
END;
"""


def _partition_sums(conn: Any) -> None:
    """V10: the table and triggers, and the sums of the records already held."""
    from sync.protocol.digest import RecordVersion, partition_sum_digest

    _script(V10_PARTITION_SUMS)(conn)
    held: dict[str, list[RecordVersion]] = {}
    for partition, entity, record_id, version, deleted in conn.execute(
        "SELECT partition, entity, record_id, version, deleted FROM sync_records"
    ):
        held.setdefault(partition, []).append(
            RecordVersion(entity, record_id, int(version), bool(deleted))
        )
    for partition, records in held.items():
        summary = partition_sum_digest(records)
        conn.execute(
            "INSERT INTO sync_partition_sums(partition, count, total) VALUES (?, ?, ?)",
            (partition, summary.count, bytes.fromhex(summary.hash)),
        )


def _script(sql: str) -> Callable[[Any], None]:
    def step(conn: Any) -> None:
        for statement in _statements(sql):
            conn.execute(statement)

    return step


def _statements(sql: str) -> list[str]:
    """Split a script into statements; triggers keep their inner semicolons."""
    import sqlcipher3

    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if line.strip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlcipher3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


STEPS: tuple[Callable[[Any], None], ...] = (
    _script(V1_CORE),
    _script(V2_SEARCH),
    _script(V3_ACCESS_LOG),
    _script(V4_CASELOAD),
    _script(V5_SYNC),
    _script(V6_SHADOW),
    _script(V7_REVIEWS),
    _script(V8_RECORD_VERSIONS),
    _script(V9_CASELOAD_ORDER),
    _partition_sums,
)
LATEST = len(STEPS)


def version(conn: Any) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Any, target: int = LATEST) -> int:
    """Bring the schema to ``target``, one transaction per step. Returns the new version."""
    current = version(conn)
    if current > LATEST:
        raise StoreError(
            "This database was made by a newer version of Outreach Desk. Update the app."
        )
    with translated():
        for number in range(current + 1, target + 1):
            conn.execute("BEGIN IMMEDIATE")
            try:
                STEPS[number - 1](conn)
                conn.execute(f"PRAGMA user_version = {number}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
    return version(conn)
