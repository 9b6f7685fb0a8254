--liquibase formatted sql

--changeset knowledge:0-postgresql-types dbms:postgresql splitStatements:false
--comment: PostgreSQL (docs/postgresql.md): the type the changesets below name, if the store's changelog has not made it.
DO $$ BEGIN CREATE DOMAIN clob AS text; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

--changeset knowledge:1-article
--comment: The knowledge base (issue 16, R4, R5): one row per article, its current version (a later version from the center replaces it). Times are epoch milliseconds (UTC). No personal data: articles are general answers; updated_by is a staff user name.
CREATE TABLE knowledge_article (
    code         VARCHAR(40)    NOT NULL,
    title        VARCHAR(300)   NOT NULL,
    body         CLOB           NOT NULL,
    topics       VARCHAR(2000)  NOT NULL,
    version      BIGINT         NOT NULL,
    updated_at   BIGINT         NOT NULL,
    updated_by   VARCHAR(100)   NOT NULL,
    withdrawn    SMALLINT       NOT NULL,
    CONSTRAINT pk_knowledge_article PRIMARY KEY (code)
);
