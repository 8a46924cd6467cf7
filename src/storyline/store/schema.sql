-- storyline's tables, in SQL that SQLite and PostgreSQL both read. Append-only: rows are inserted,
-- never updated (but for the claim counts of `names`, an index derived from the claims); an article and
-- everything drawn from it go in one transaction. The two exceptions are asked for by hand and logged
-- in `article_edits`: `storyline forget` removes an article and all drawn from it, `storyline
-- reextract` replaces what was drawn from an article with what the current rules draw.
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
    id          TEXT PRIMARY KEY,   -- content hash of the dated text
    published   TEXT NOT NULL,      -- ISO date: the knowledge time of every claim from it
    title       TEXT NOT NULL,
    source      TEXT NOT NULL,      -- file name, JSONL id or URL
    url         TEXT,
    body        TEXT NOT NULL,
    ingested_at TEXT NOT NULL       -- audit only
);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE INDEX IF NOT EXISTS articles_source ON articles (source);

CREATE TABLE IF NOT EXISTS entities (
    article_id  TEXT NOT NULL REFERENCES articles (id),
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    aliases     TEXT NOT NULL,      -- JSON list
    descriptors TEXT NOT NULL,      -- JSON list
    PRIMARY KEY (article_id, name)
);
CREATE INDEX IF NOT EXISTS entities_name ON entities (name);

CREATE TABLE IF NOT EXISTS claims (
    id          TEXT PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles (id),
    subject     TEXT NOT NULL,
    relation    TEXT NOT NULL,
    object      TEXT,
    when_span   TEXT,               -- JSON TimeSpan
    ended_span  TEXT,               -- JSON TimeSpan
    status      TEXT NOT NULL,
    polarity    INTEGER NOT NULL,
    confidence  DOUBLE PRECISION NOT NULL,  -- PostgreSQL REAL has 4 bytes: 0.9 would read 0.89999998
    sentence    TEXT NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    source      TEXT NOT NULL,
    attribution TEXT,               -- JSON {speaker, outlet, said_on}
    extra       TEXT NOT NULL,      -- JSON object
    known_at    TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_subject ON claims (subject, known_at);
CREATE INDEX IF NOT EXISTS claims_object ON claims (object, known_at);
CREATE INDEX IF NOT EXISTS claims_article ON claims (article_id);

-- The child a child_born claim names beside two parents (subject and object are then the parents), so
-- that the child's own timeline finds their birth the way a subject or object finds its claims.
CREATE TABLE IF NOT EXISTS claim_children (
    claim_id TEXT PRIMARY KEY REFERENCES claims (id),
    child    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS claim_children_child ON claim_children (child);

-- Every name a claim gives (subject, object or child) and how many claims give it, so that name search and
-- person lookup read this rather than scan every claim; kept in the transaction of the article whose
-- claims name it, and rebuilt from the claims when an older database is upgraded.
CREATE TABLE IF NOT EXISTS names (
    name   TEXT PRIMARY KEY,
    folded TEXT NOT NULL,               -- without case, accents or punctuation (model.fold_name)
    claims INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS names_claims ON names (claims);

-- The words of each folded name: "Lucía Peña" is found by "pena" without a scan.
CREATE TABLE IF NOT EXISTS name_words (
    word TEXT NOT NULL,
    name TEXT NOT NULL REFERENCES names (name),
    PRIMARY KEY (word, name)
);

-- Hand corrections of identity ("these two names are one person", and its undoing), as events.
CREATE TABLE IF NOT EXISTS identity_edits (
    id      TEXT PRIMARY KEY,
    action  TEXT NOT NULL,          -- merge | unmerge
    a       TEXT NOT NULL,
    b       TEXT NOT NULL,
    made_at TEXT NOT NULL
);

-- Which extractor (storyline's version and a digest of its rules, storyline.extractor_version) read each
-- article: `storyline reextract` re-reads those read by other rules. None for articles stored before
-- schema version 4.
CREATE TABLE IF NOT EXISTS article_versions (
    article_id   TEXT PRIMARY KEY REFERENCES articles (id),
    version      TEXT NOT NULL,
    extracted_at TEXT NOT NULL
);

-- The audit of what was done to articles by hand: forgotten (the article and its claims removed) or
-- re-extracted (its claims replaced), with how many claims it had before and after.
CREATE TABLE IF NOT EXISTS article_edits (
    id            TEXT PRIMARY KEY,
    action        TEXT NOT NULL,      -- forget | reextract
    article_id    TEXT NOT NULL,
    source        TEXT NOT NULL,
    published     TEXT NOT NULL,
    claims_before INTEGER NOT NULL,
    claims_after  INTEGER NOT NULL,
    version       TEXT NOT NULL,      -- the extractor version of the storyline that made the edit
    made_at       TEXT NOT NULL
);
