-- Every service schema records the instances that ran against it: when each started, was last seen ready and
-- stopped. Shared by all services (classpath:db/migration/platform); their own scripts start at V1.
CREATE TABLE instance (
    instance_id  text        NOT NULL,
    started_at   timestamptz NOT NULL,
    version      text        NOT NULL,
    stopped_at   timestamptz,
    PRIMARY KEY (instance_id, started_at)
);
