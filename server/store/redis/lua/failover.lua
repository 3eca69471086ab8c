-- failover: KEYS[1] meta, KEYS[2] the channel; ARGV[1] the primary's replication id
-- (master_replid), ARGV[2] the one it had before (master_replid2), ARGV[3] an epoch candidate,
-- ARGV[4] PUBLISH or SPUBLISH (a cluster's parts publish on their own slot).
-- meta's replid is the replication id the epoch was last served under. A primary whose
-- previous id is that one is a promoted replica: it may lack changes that the old primary
-- let instances answer (a write not yet copied), so cursors of the old epoch may name a
-- future this data never had, and the epoch ends (docs/architecture.md, "Failover"). Any
-- other new id (Redis restarted from its append-only file) only moves the record.
-- Returns the epoch, or false while there is none yet.
local recorded = redis.call('HGET', KEYS[1], 'replid')
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if recorded == ARGV[1] or not epoch then return epoch end
if recorded == ARGV[2] then
  epoch = ARGV[3]
  redis.call('HSET', KEYS[1], 'epoch', epoch)
  -- A change message with no ids: other instances notice the new epoch at once.
  redis.call(ARGV[4] or 'PUBLISH', KEYS[2], epoch)
end
redis.call('HSET', KEYS[1], 'replid', ARGV[1])
return epoch
