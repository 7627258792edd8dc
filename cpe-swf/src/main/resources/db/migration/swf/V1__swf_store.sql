-- The durable record of the embedded SWF service. One dialect for H2 2.3 and PostgreSQL 15: unquoted names,
-- VARCHAR without a length (unbounded on PostgreSQL, 1,000,000 characters on H2, kept out of LOB storage),
-- timestamps as epoch milliseconds in BIGINT so that both sort and compare them alike.

CREATE TABLE swf_domains (
    name        VARCHAR(256) NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    info_json   VARCHAR      NOT NULL,
    config_json VARCHAR      NOT NULL,
    PRIMARY KEY (name)
);

CREATE TABLE swf_types (
    kind           VARCHAR(16)  NOT NULL,
    domain         VARCHAR(256) NOT NULL,
    name           VARCHAR(256) NOT NULL,
    version        VARCHAR(64)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    creation_ts    BIGINT,
    deprecation_ts BIGINT,
    info_json      VARCHAR      NOT NULL,
    config_json    VARCHAR,
    PRIMARY KEY (kind, domain, name, version)
);

-- record_json is the DescribeWorkflowExecution response of the run; the other columns are the keys the
-- engine looks up and the list filters use.
CREATE TABLE swf_executions (
    run_id           VARCHAR(128) NOT NULL,
    domain           VARCHAR(256) NOT NULL,
    workflow_id      VARCHAR(256) NOT NULL,
    type_name        VARCHAR(256) NOT NULL,
    type_version     VARCHAR(64)  NOT NULL,
    execution_status VARCHAR(16)  NOT NULL,
    close_status     VARCHAR(32),
    start_ts         BIGINT       NOT NULL,
    close_ts         BIGINT,
    cancel_requested BOOLEAN      NOT NULL,
    record_json      VARCHAR      NOT NULL,
    PRIMARY KEY (run_id)
);

CREATE INDEX swf_executions_start_idx ON swf_executions (domain, execution_status, start_ts);
CREATE INDEX swf_executions_close_idx ON swf_executions (domain, execution_status, close_ts);
CREATE INDEX swf_executions_workflow_idx ON swf_executions (workflow_id);
CREATE INDEX swf_executions_type_idx ON swf_executions (domain, type_name, type_version);
-- Recovery reads the open runs of every domain.
CREATE INDEX swf_executions_status_idx ON swf_executions (execution_status);

CREATE TABLE swf_execution_tags (
    run_id VARCHAR(128) NOT NULL,
    tag    VARCHAR(256) NOT NULL,
    PRIMARY KEY (run_id, tag)
);

CREATE INDEX swf_execution_tags_tag_idx ON swf_execution_tags (tag);

CREATE TABLE swf_history_events (
    run_id     VARCHAR(128) NOT NULL,
    event_id   BIGINT       NOT NULL,
    event_json VARCHAR      NOT NULL,
    PRIMARY KEY (run_id, event_id)
);

CREATE TABLE swf_heartbeats (
    run_id             VARCHAR(128) NOT NULL,
    scheduled_event_id BIGINT       NOT NULL,
    details            VARCHAR,
    at_ts              BIGINT,
    PRIMARY KEY (run_id, scheduled_event_id)
);
