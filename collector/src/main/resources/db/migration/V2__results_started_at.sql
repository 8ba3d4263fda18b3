-- Retention deletes by start time across all sites; the (site, started_at) index cannot serve
-- that, so without this one every sweep would scan the whole table.
CREATE INDEX probe_result_started ON probe_result (started_at);
