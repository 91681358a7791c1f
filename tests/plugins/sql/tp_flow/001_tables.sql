-- tables of the host integration test plugins (tp_flow, tp_sub)
CREATE TABLE tp_marks (
    id BIGSERIAL PRIMARY KEY,
    who BIGINT NOT NULL,
    what TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE tp_jobs (
    id BIGSERIAL PRIMARY KEY,
    pid INT NOT NULL DEFAULT pg_backend_pid(),
    started TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    finished TIMESTAMPTZ
);
