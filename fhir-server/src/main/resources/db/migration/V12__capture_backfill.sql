-- Backfill (issue 18): rows of mapped tables that have no resource yet are queued in the change log as 'B' changes
-- and applied by the same workers as other changes, after them (a backfill never delays live changes).
ALTER TABLE cura_row_changes DROP CONSTRAINT cura_row_changes_operation_check;
ALTER TABLE cura_row_changes ADD CONSTRAINT cura_row_changes_operation_check
    CHECK (operation IN ('I', 'U', 'D', 'B'));
CREATE INDEX ix_cura_row_changes_live ON cura_row_changes (id) WHERE operation <> 'B';
CREATE INDEX ix_cura_row_changes_backfill ON cura_row_changes (id) WHERE operation = 'B';

-- The current (or last) backfill, one row per table: rows with an id below next_row_id have been queued.
CREATE TABLE cura_backfill (
    table_name   varchar(63)  PRIMARY KEY,
    position     integer      NOT NULL,
    next_row_id  integer      NOT NULL DEFAULT 0,
    rows_total   bigint       NOT NULL,
    rows_queued  bigint       NOT NULL DEFAULT 0,
    started_at   timestamptz  NOT NULL DEFAULT clock_timestamp(),
    queued_at    timestamptz
);
