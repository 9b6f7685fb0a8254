--liquibase formatted sql

--changeset documents:1-document
--comment: The index of the node's document store (issue 15): one row per content (SHA-256), the file under
--comment: data/nsoz/documents/<first 2 hex>/<sha256>. Times are epoch milliseconds (UTC): stored_at when this node
--comment: first stored it, touched_at when it was last stored again (an upload of the same content); the purge of
--comment: documents no appeal names waits 24 h after touched_at.
CREATE TABLE nsoz_document (
    sha256      CHAR(64)     NOT NULL,
    media_type  VARCHAR(127) NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    stored_at   BIGINT       NOT NULL,
    touched_at  BIGINT       NOT NULL,
    CONSTRAINT pk_nsoz_document PRIMARY KEY (sha256)
);
CREATE INDEX ix_nsoz_document_touched ON nsoz_document (touched_at);
