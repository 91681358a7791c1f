-- /flaky: a sequence (not rolled back) counts its runs, so the handler can
-- fail with a transient error the first times and succeed later.
CREATE SEQUENCE tp_flaky_seq;
