-- A stock operation's transaction id answers a repeat of the same request only: what was asked (a hash of the
-- operation's path and body) is kept with its answer, and another request under the same id is refused.
ALTER TABLE cura_stock_operations ADD COLUMN request_hash text;
