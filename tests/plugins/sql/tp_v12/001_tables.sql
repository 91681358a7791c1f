-- tp_v12: what its handlers wrote (tests check what was, or was not).
CREATE TABLE tp_v12_rows (
    id   SERIAL PRIMARY KEY,
    what TEXT NOT NULL
);
