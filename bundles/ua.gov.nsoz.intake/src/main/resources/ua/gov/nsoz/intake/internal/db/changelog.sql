--liquibase formatted sql

--changeset intake:1-idempotency
--comment: Public intake (issue 15): the first registration of each idempotency key, and the proof-of-work tokens already used. Times are epoch milliseconds (UTC). No personal data: the key is the client's random id, the fingerprint a SHA-256 of the submission.
CREATE TABLE intake_idempotency (
    idem_key     VARCHAR(100)  NOT NULL,
    fingerprint  CHAR(64)      NOT NULL,
    appeal_id    VARCHAR(40),
    created_at   BIGINT        NOT NULL,
    CONSTRAINT pk_intake_idempotency PRIMARY KEY (idem_key)
);
CREATE INDEX ix_intake_idempotency_created ON intake_idempotency (created_at);
CREATE TABLE intake_used_token (
    token_hash   CHAR(64)      NOT NULL,
    expires_at   BIGINT        NOT NULL,
    CONSTRAINT pk_intake_used_token PRIMARY KEY (token_hash)
);
CREATE INDEX ix_intake_used_token_expires ON intake_used_token (expires_at);
