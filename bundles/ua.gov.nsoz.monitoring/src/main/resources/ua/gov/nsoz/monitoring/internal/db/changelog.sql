--liquibase formatted sql

--changeset monitoring:0-postgresql-types dbms:postgresql splitStatements:false
--comment: PostgreSQL (docs/postgresql.md): the type the changesets below name, if the store's changelog has not made it.
DO $$ BEGIN CREATE DOMAIN double AS double precision; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

--changeset monitoring:1-alert
--comment: Alerts of the monitoring of public opinion (R16). Times are epoch milliseconds (UTC); days are Kyiv dates.
CREATE TABLE monitoring_alert (
    id           CHAR(36)      NOT NULL,
    kind         VARCHAR(20)   NOT NULL,
    section      VARCHAR(300)  NOT NULL,
    region       VARCHAR(40)   NOT NULL,
    since        DATE          NOT NULL,
    last_day     DATE          NOT NULL,
    observed     BIGINT        NOT NULL,
    expected     DOUBLE        NOT NULL,
    threshold    BIGINT        NOT NULL,
    severity     VARCHAR(20)   NOT NULL,
    example_ids  VARCHAR(200)  NOT NULL,
    status       VARCHAR(20)   NOT NULL,
    raised_at    BIGINT        NOT NULL,
    ack_by       VARCHAR(100),
    ack_at       BIGINT,
    closed_by    VARCHAR(100),
    closed_at    BIGINT,
    note         VARCHAR(2000),
    CONSTRAINT pk_monitoring_alert PRIMARY KEY (id),
    CONSTRAINT ux_monitoring_alert_run UNIQUE (kind, section, region, since)
);
CREATE INDEX ix_monitoring_alert_status ON monitoring_alert (status, since);
