-- presence: KEYS[1] the instances' sorted set, ARGV[1] this instance, ARGV[2] ttl in ms, ARGV[3] "here" or "gone".
-- Returns how many instances are here now, this one included when "here". Redis's clock, not each
-- instance's: instances on machines whose clocks differ still agree on who is here.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if ARGV[3] == 'gone' then
  redis.call('ZREM', KEYS[1], ARGV[1])
else
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
end
-- The set goes when the last presence in it ends, not before (a short one does not cut the others').
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] then redis.call('PEXPIREAT', KEYS[1], tonumber(last[2]) + 1000) end
return redis.call('ZCARD', KEYS[1])
