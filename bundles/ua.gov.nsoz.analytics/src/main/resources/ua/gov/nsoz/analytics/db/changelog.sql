--liquibase formatted sql

--changeset analytics:1-fact
--comment: One row per appeal: its dimension values and measures as they stand now (issue #14). Days are Kyiv dates as
--comment: epoch days. No personal data: no applicant, no text. Missing values are '-'.
CREATE TABLE an_fact (
    appeal_id          CHAR(36)     NOT NULL,
    received_day       INT          NOT NULL,
    region             VARCHAR(40)  NOT NULL,
    node               VARCHAR(40)  NOT NULL,
    body               VARCHAR(100) NOT NULL,
    topic              VARCHAR(300) NOT NULL,
    section            VARCHAR(300) NOT NULL,
    kind               VARCHAR(20)  NOT NULL,
    channel            VARCHAR(20)  NOT NULL,
    applicant_type     VARCHAR(40)  NOT NULL,
    category           VARCHAR(40)  NOT NULL,
    status             VARCHAR(40)  NOT NULL,
    outcome            VARCHAR(40)  NOT NULL,
    timeliness         VARCHAR(20)  NOT NULL,
    due_day            INT,
    answered_day       INT,
    days_to_answer     INT,
    extended           SMALLINT     NOT NULL,
    redirected         SMALLINT     NOT NULL,
    redirected_in_term SMALLINT     NOT NULL,
    not_considered     SMALLINT     NOT NULL,
    repeated           SMALLINT     NOT NULL,
    rating             SMALLINT,
    CONSTRAINT pk_an_fact PRIMARY KEY (appeal_id)
);
CREATE INDEX ix_an_fact_open ON an_fact (timeliness, due_day);
CREATE INDEX ix_an_fact_day ON an_fact (received_day);

--changeset analytics:1-cell
--comment: Pre-aggregated cells: per grain (D day, M month: period = its first day), scope (A all, N node, B body),
--comment: dimension ('-' none) and value. hist: days to answer as "days:count" pairs, ascending, space-separated.
CREATE TABLE an_cell (
    scope_kind         CHAR(1)        NOT NULL,
    scope_value        VARCHAR(100)   NOT NULL,
    dim                VARCHAR(16)    NOT NULL,
    grain              CHAR(1)        NOT NULL,
    period             INT            NOT NULL,
    dim_value          VARCHAR(300)   NOT NULL,
    received           INT            NOT NULL,
    answered           INT            NOT NULL,
    on_time            INT            NOT NULL,
    overdue            INT            NOT NULL,
    extended           INT            NOT NULL,
    redirected         INT            NOT NULL,
    redirected_in_term INT            NOT NULL,
    not_considered     INT            NOT NULL,
    repeated           INT            NOT NULL,
    ratings            INT            NOT NULL,
    rating_sum         INT            NOT NULL,
    hist               VARCHAR(32000) NOT NULL,
    CONSTRAINT pk_an_cell PRIMARY KEY (scope_kind, scope_value, dim, grain, period, dim_value)
);

--changeset analytics:1-series
--comment: Appeals received per day, region and topic (R16).
CREATE TABLE an_series (
    day      INT          NOT NULL,
    region   VARCHAR(40)  NOT NULL,
    topic    VARCHAR(300) NOT NULL,
    received INT          NOT NULL,
    CONSTRAINT pk_an_series PRIMARY KEY (day, region, topic)
);

--changeset analytics:1-open
--comment: Open data (R18): per month received, region, section and month answered (-1: not answered).
CREATE TABLE an_open (
    month          INT          NOT NULL,
    region         VARCHAR(40)  NOT NULL,
    section        VARCHAR(300) NOT NULL,
    answered_month INT          NOT NULL,
    received       INT          NOT NULL,
    on_time        INT          NOT NULL,
    CONSTRAINT pk_an_open PRIMARY KEY (month, region, section, answered_month)
);

--changeset analytics:1-state
--comment: The feed's cursor (every event at or below it is counted) and other small state.
CREATE TABLE an_state (
    name  VARCHAR(40) NOT NULL,
    value BIGINT      NOT NULL,
    CONSTRAINT pk_an_state PRIMARY KEY (name)
);

--changeset analytics:2-series-cover
--comment: Covers the daily series' query (day range, ordered by day, region, topic, with the count): read from the
--comment: index alone, without a heap fetch per row (90 days at 10 M appeals: ~117,000 rows; issue #14 benchmark).
CREATE INDEX ix_an_series_cover ON an_series (day, region, topic, received);
