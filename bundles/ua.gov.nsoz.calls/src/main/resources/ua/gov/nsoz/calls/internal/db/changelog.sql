--liquibase formatted sql

--changeset calls:1-call-record
--comment: Calls (R13, issue 16): one row per call of the node's PBX, from its first event to its recording. Times are epoch milliseconds (UTC). caller_digits is the caller's number reduced to its digits, to find earlier calls from the same number; the number is personal data and is never logged.
CREATE TABLE call_record (
    id                    VARCHAR(40)   NOT NULL,
    pbx_call_id           VARCHAR(100)  NOT NULL,
    caller_number         VARCHAR(40),
    caller_digits         VARCHAR(40),
    called_number         VARCHAR(40),
    operator              VARCHAR(100),
    state                 VARCHAR(16)   NOT NULL,
    ringing_at            BIGINT        NOT NULL,
    answered_at           BIGINT,
    ended_at              BIGINT,
    duration_seconds      BIGINT        NOT NULL,
    appeal_id             VARCHAR(40),
    recording_sha256      CHAR(64),
    transferred_to        VARCHAR(40),
    transferred_to_center VARCHAR(100),
    CONSTRAINT pk_call_record PRIMARY KEY (id),
    CONSTRAINT uq_call_record_pbx UNIQUE (pbx_call_id)
);
CREATE INDEX ix_call_record_caller ON call_record (caller_digits, ringing_at);
CREATE INDEX ix_call_record_appeal ON call_record (appeal_id);
CREATE INDEX ix_call_record_operator ON call_record (operator, state);
