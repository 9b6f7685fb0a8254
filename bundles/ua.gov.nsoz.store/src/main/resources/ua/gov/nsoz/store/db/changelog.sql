--liquibase formatted sql

--changeset nsoz:0-postgresql-types dbms:postgresql splitStatements:false
--comment: PostgreSQL (issue 17, docs/postgresql.md): the changesets are written for Derby and run unchanged on
--comment: PostgreSQL, which has no CLOB and no plain DOUBLE: domains of those names over text and double precision
--comment: make the same CREATE TABLE statements work. Idempotent: the other bundles' changelogs make them too.
DO $$ BEGIN CREATE DOMAIN clob AS text; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE DOMAIN double AS double precision; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

--changeset nsoz:1-appeal
--comment: Appeals, one row each, the current state. Times are epoch milliseconds (UTC).
CREATE TABLE appeal (
    id                CHAR(36)       NOT NULL,
    reg_number        VARCHAR(40)    NOT NULL,
    node_id           VARCHAR(40)    NOT NULL,
    region            VARCHAR(16),
    kind              VARCHAR(20)    NOT NULL,
    channel           VARCHAR(20)    NOT NULL,
    status            VARCHAR(40)    NOT NULL,
    version           BIGINT         NOT NULL,
    applicant_type    VARCHAR(40),
    applicant_name    VARCHAR(300),
    applicant_address VARCHAR(500),
    applicant_email   VARCHAR(254),
    applicant_phone   VARCHAR(32),
    confidential      BOOLEAN        NOT NULL,
    collective        BOOLEAN        NOT NULL,
    co_signers        INT,
    signed            BOOLEAN,
    addressee         VARCHAR(300),
    topic             VARCHAR(300),
    body              VARCHAR(32000) NOT NULL,
    marks             VARCHAR(200)   NOT NULL,
    received_at       BIGINT         NOT NULL,
    registered_at     BIGINT         NOT NULL,
    updated_at        BIGINT         NOT NULL,
    CONSTRAINT pk_appeal PRIMARY KEY (id),
    CONSTRAINT ux_appeal_reg_number UNIQUE (reg_number)
);
CREATE INDEX ix_appeal_registered_at ON appeal (registered_at);
CREATE INDEX ix_appeal_status ON appeal (status, registered_at);

--changeset nsoz:1-attachment
CREATE TABLE appeal_attachment (
    appeal_id  CHAR(36)     NOT NULL,
    position   INT          NOT NULL,
    file_name  VARCHAR(255) NOT NULL,
    media_type VARCHAR(127),
    size_bytes BIGINT       NOT NULL,
    sha256     CHAR(64),
    CONSTRAINT pk_appeal_attachment PRIMARY KEY (appeal_id, position),
    CONSTRAINT fk_attachment_appeal FOREIGN KEY (appeal_id) REFERENCES appeal (id)
);

--changeset nsoz:1-event
--comment: The append-only event log; the code never updates or deletes a row of it.
CREATE TABLE appeal_event (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY,
    event_id    CHAR(36)    NOT NULL,
    appeal_id   CHAR(36)    NOT NULL,
    version     BIGINT      NOT NULL,
    event_type  VARCHAR(40) NOT NULL,
    occurred_at BIGINT      NOT NULL,
    node_id     VARCHAR(40) NOT NULL,
    actor       VARCHAR(100),
    payload     CLOB,
    CONSTRAINT pk_appeal_event PRIMARY KEY (seq),
    CONSTRAINT ux_appeal_event_id UNIQUE (event_id),
    CONSTRAINT ux_appeal_event_version UNIQUE (appeal_id, version)
);

--changeset nsoz:2-registration-counter
--comment: Registration numbers per year, handed out in blocks (hi/lo): portable SQL, no sequence objects.
CREATE TABLE registration_counter (
    reg_year   INT    NOT NULL,
    next_value BIGINT NOT NULL,
    CONSTRAINT pk_registration_counter PRIMARY KEY (reg_year)
);

--changeset nsoz:3-replication
--comment: Outbox (written in the same transaction as the event it ships) and inbox (ids of the messages
--comment: applied, written in the same transaction as their effect): at-least-once transport, exactly-once effect.
CREATE TABLE outbox (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY,
    destination  VARCHAR(40) NOT NULL,
    message_id   CHAR(36)    NOT NULL,
    message_type VARCHAR(30) NOT NULL,
    appeal_id    CHAR(36)    NOT NULL,
    event_id     CHAR(36),
    payload      CLOB,
    created_at   BIGINT      NOT NULL,
    CONSTRAINT pk_outbox PRIMARY KEY (seq),
    CONSTRAINT ux_outbox_message UNIQUE (message_id)
);
CREATE INDEX ix_outbox_destination ON outbox (destination, seq);
CREATE TABLE inbox (
    message_id  CHAR(36)    NOT NULL,
    source_node VARCHAR(40) NOT NULL,
    source_seq  BIGINT      NOT NULL,
    outcome     VARCHAR(20) NOT NULL,
    applied_at  BIGINT      NOT NULL,
    CONSTRAINT pk_inbox PRIMARY KEY (message_id)
);
CREATE INDEX ix_inbox_source ON inbox (source_node, source_seq);
CREATE TABLE peer_link (
    peer            VARCHAR(40) NOT NULL,
    shipped         BIGINT      NOT NULL,
    last_shipped_at BIGINT,
    last_sent_seq   BIGINT      NOT NULL,
    CONSTRAINT pk_peer_link PRIMARY KEY (peer)
);

--changeset nsoz:4-inbox-sent-at
--comment: When the sender committed each applied message: the link's lag (sync-status, benchmarks).
ALTER TABLE inbox ADD COLUMN sent_at BIGINT;

--changeset nsoz:5-peer-link-received
--comment: Every peer has its row, and the received figures are kept there as messages are applied: listing the
--comment: peers and reading a link's figures no longer scan the inbox, which grows with every message.
ALTER TABLE peer_link ADD COLUMN received BIGINT NOT NULL DEFAULT 0;
ALTER TABLE peer_link ADD COLUMN last_received_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE peer_link ADD COLUMN last_received_at BIGINT;
ALTER TABLE peer_link ADD COLUMN last_received_lag BIGINT;
INSERT INTO peer_link (peer, shipped, last_sent_seq)
    SELECT DISTINCT destination, 0, 0 FROM outbox WHERE destination NOT IN (SELECT peer FROM peer_link);
INSERT INTO peer_link (peer, shipped, last_sent_seq)
    SELECT DISTINCT source_node, 0, 0 FROM inbox WHERE source_node NOT IN (SELECT peer FROM peer_link);
UPDATE peer_link SET received = (SELECT COUNT(*) FROM inbox WHERE inbox.source_node = peer_link.peer),
    last_received_seq = (SELECT COALESCE(MAX(source_seq), 0) FROM inbox WHERE inbox.source_node = peer_link.peer),
    last_received_at = (SELECT MAX(applied_at) FROM inbox WHERE inbox.source_node = peer_link.peer);

--changeset nsoz:6-processing
--comment: Where the consideration of an appeal stands (api Processing), one column per field so that inboxes,
--comment: overdue counts and statistics are plain SQL; due_day and reminded_for are epoch days (the date in Kyiv).
--comment: applicant_key and text_fp are hashes the store computes (never personal data in clear) to find
--comment: repeated, duplicate and mass appeals by index.
ALTER TABLE appeal ADD COLUMN classification VARCHAR(20) NOT NULL DEFAULT 'PRIMARY';
ALTER TABLE appeal ADD COLUMN related_to VARCHAR(40);
ALTER TABLE appeal ADD COLUMN body_id VARCHAR(40);
ALTER TABLE appeal ADD COLUMN forwarded_at BIGINT;
ALTER TABLE appeal ADD COLUMN no_study BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE appeal ADD COLUMN extension_days INT NOT NULL DEFAULT 0;
ALTER TABLE appeal ADD COLUMN due_day INT;
ALTER TABLE appeal ADD COLUMN ground VARCHAR(30);
ALTER TABLE appeal ADD COLUMN answer_result VARCHAR(20);
ALTER TABLE appeal ADD COLUMN answer_text VARCHAR(32000);
ALTER TABLE appeal ADD COLUMN answered_at BIGINT;
ALTER TABLE appeal ADD COLUMN rating INT;
ALTER TABLE appeal ADD COLUMN reminded_for INT;
ALTER TABLE appeal ADD COLUMN escalated_at BIGINT;
ALTER TABLE appeal ADD COLUMN access_hash VARCHAR(64);
ALTER TABLE appeal ADD COLUMN applicant_key CHAR(64);
ALTER TABLE appeal ADD COLUMN text_fp CHAR(64);
CREATE INDEX ix_appeal_body ON appeal (body_id, status);
CREATE INDEX ix_appeal_due ON appeal (due_day);
CREATE INDEX ix_appeal_applicant_key ON appeal (applicant_key);
CREATE INDEX ix_appeal_text_fp ON appeal (text_fp);
ALTER TABLE appeal_attachment ADD COLUMN part VARCHAR(10) NOT NULL DEFAULT 'APPEAL';
CREATE TABLE node_secret (
    name   VARCHAR(40)  NOT NULL,
    secret VARCHAR(100) NOT NULL,
    CONSTRAINT pk_node_secret PRIMARY KEY (name)
);

--changeset nsoz:7-outbox-without-appeal dbms:derby
--comment: Messages about no one appeal (the center's reference data edits) travel through the same outbox.
ALTER TABLE outbox ALTER COLUMN appeal_id NULL;

--changeset nsoz:7-outbox-without-appeal-postgresql dbms:postgresql
--comment: nsoz:7 in PostgreSQL's words.
ALTER TABLE outbox ALTER COLUMN appeal_id DROP NOT NULL;

--changeset nsoz:8-audit-log dbms:derby
--comment: The audit log of personal data (api AuditLog; R19, issue #5), append-only in the database itself: a
--comment: statement trigger answers every UPDATE and DELETE of audit_log (and so TRUNCATE TABLE, which Derby refuses
--comment: on a table with a DELETE trigger) by writing a row that the guard table's CHECK constraint never accepts, and
--comment: the error undoes the statement. Plain SQL, no Java routine: nothing depends on what classes Derby can load
--comment: inside OSGi. Each row's hash is the SHA-256 of the previous row's hash and its own fields; prev_hash is
--comment: unique, so the chain cannot fork, and an edit made behind the triggers' back (a dropped trigger, edited
--comment: files) shows in AuditChain.verify. occurred_at is epoch milliseconds like every time here ('at' is a reserved
--comment: word in Derby): the hash is over the exact stored value, which a zone-less TIMESTAMP would not keep. The
--comment: indexes run newest first, the order of every search, so that a page is read off an index, not sorted.
CREATE TABLE audit_log (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY,
    occurred_at BIGINT        NOT NULL,
    actor       VARCHAR(100)  NOT NULL,
    roles       VARCHAR(1000) NOT NULL,
    action      VARCHAR(20)   NOT NULL,
    appeal_id   VARCHAR(40),
    what        VARCHAR(500)  NOT NULL,
    origin      VARCHAR(200)  NOT NULL,
    node        VARCHAR(40),
    prev_hash   CHAR(64)      NOT NULL,
    hash        CHAR(64)      NOT NULL,
    CONSTRAINT pk_audit_log PRIMARY KEY (seq),
    CONSTRAINT ux_audit_log_prev_hash UNIQUE (prev_hash)
);
CREATE INDEX ix_audit_log_actor ON audit_log (actor, occurred_at DESC, seq DESC);
CREATE INDEX ix_audit_log_appeal ON audit_log (appeal_id, occurred_at DESC, seq DESC);
CREATE INDEX ix_audit_log_at ON audit_log (occurred_at DESC, seq DESC);
CREATE TABLE audit_log_guard (
    refused INT,
    CONSTRAINT audit_log_is_append_only CHECK (refused IS NULL)
);
CREATE TRIGGER audit_log_no_update AFTER UPDATE ON audit_log FOR EACH STATEMENT
    INSERT INTO audit_log_guard (refused) VALUES (1);
CREATE TRIGGER audit_log_no_delete AFTER DELETE ON audit_log FOR EACH STATEMENT
    INSERT INTO audit_log_guard (refused) VALUES (1);

--changeset nsoz:8-audit-log-postgresql dbms:postgresql splitStatements:false
--comment: nsoz:8-audit-log on PostgreSQL: the same tables; the append-only rule is a trigger function that raises
--comment: for every UPDATE, DELETE and TRUNCATE of audit_log, with Derby's SQLState of a violated check (23513) and
--comment: the guard's name in the message, so that both engines refuse alike. PostgreSQL aborts the transaction the
--comment: refused statement ran in (Derby undoes the statement only).
CREATE TABLE audit_log (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY,
    occurred_at BIGINT        NOT NULL,
    actor       VARCHAR(100)  NOT NULL,
    roles       VARCHAR(1000) NOT NULL,
    action      VARCHAR(20)   NOT NULL,
    appeal_id   VARCHAR(40),
    what        VARCHAR(500)  NOT NULL,
    origin      VARCHAR(200)  NOT NULL,
    node        VARCHAR(40),
    prev_hash   CHAR(64)      NOT NULL,
    hash        CHAR(64)      NOT NULL,
    CONSTRAINT pk_audit_log PRIMARY KEY (seq),
    CONSTRAINT ux_audit_log_prev_hash UNIQUE (prev_hash)
);
CREATE INDEX ix_audit_log_actor ON audit_log (actor, occurred_at DESC, seq DESC);
CREATE INDEX ix_audit_log_appeal ON audit_log (appeal_id, occurred_at DESC, seq DESC);
CREATE INDEX ix_audit_log_at ON audit_log (occurred_at DESC, seq DESC);
CREATE TABLE audit_log_guard (
    refused INT,
    CONSTRAINT audit_log_is_append_only CHECK (refused IS NULL)
);
CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'AUDIT_LOG_IS_APPEND_ONLY: % of audit_log refused', TG_OP USING ERRCODE = '23513';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH STATEMENT
    EXECUTE FUNCTION audit_log_refuse();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH STATEMENT
    EXECUTE FUNCTION audit_log_refuse();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT
    EXECUTE FUNCTION audit_log_refuse();

--changeset nsoz:8-retention
--comment: When retention anonymized an appeal (epoch milliseconds; null: not yet). Its personal data is gone from the
--comment: appeal, its attachments' names and its events' payloads; what statistics need stays
--comment: (docs/retention-and-audit.md). Retention is the one writer that rewrites appeal_event.payload.
ALTER TABLE appeal ADD COLUMN anonymized_at BIGINT;
CREATE INDEX ix_appeal_retention ON appeal (anonymized_at, updated_at);

--changeset nsoz:9-appeal-node
--comment: An operator's or supervisor's search is limited to the appeals registered at their contact center
--comment: (AccessRules.searchScope): the center holds every region's appeals, so it looks them up by node.
CREATE INDEX ix_appeal_node ON appeal (node_id, registered_at);

--changeset nsoz:10-terms
--comment: The terms of the Law exactly (issue #13). Art. 20: the applicant's category (a code of the applicant
--comment: categories reference data) and priority (a category with statutory benefits: considered first, so a body's
--comment: inbox is ordered priority first, then the nearest last day: ix_appeal_body_inbox); a term shortened on the
--comment: applicant's reasoned written request, with its reason. Art. 17: the contested decision's date and the day
--comment: the applicant learned of it (epoch days, like due_day), and whether the body restored the missed term of a
--comment: late complaint. Retention clears shortened_reason (the applicant's own words) and keeps applicant_category,
--comment: priority, decided_on and learned_on: statistics count them, and none of them identifies anybody alone.
ALTER TABLE appeal ADD COLUMN applicant_category VARCHAR(40);
ALTER TABLE appeal ADD COLUMN priority BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE appeal ADD COLUMN decided_on INT;
ALTER TABLE appeal ADD COLUMN learned_on INT;
ALTER TABLE appeal ADD COLUMN shortened_days INT;
ALTER TABLE appeal ADD COLUMN shortened_reason VARCHAR(4000);
ALTER TABLE appeal ADD COLUMN term_restored BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX ix_appeal_body_inbox ON appeal (body_id, priority, due_day);

--changeset nsoz:11-relations-index
--comment: Finding repeated, duplicate and mass appeals at registration must cost the same however many similar appeals
--comment: are stored (issue #12: a campaign of identical texts slowed intake from 500/s to 16/s). The applicant's
--comment: earlier appeals are read newest first off (applicant_key, registered_at DESC), so FETCH FIRST stops after
--comment: the look-back instead of sorting them all; the same text is read off (text_fp, registered_at), starting at
--comment: the window, and the scan stops at the fifth applicant. They replace the single-column indexes of nsoz:6.
CREATE INDEX ix_appeal_applicant_at ON appeal (applicant_key, registered_at DESC);
CREATE INDEX ix_appeal_text_fp_at ON appeal (text_fp, registered_at);
DROP INDEX ix_appeal_applicant_key;
DROP INDEX ix_appeal_text_fp;
