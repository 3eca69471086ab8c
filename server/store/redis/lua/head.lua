-- The start every data script shares (set-many.lua, declare.lua, forget.lua): npm run
-- lua:generate writes it, with generated.lua, into each of them between the ">>> shared"
-- and "<<< shared" lines, so that each file runs as it is (redis-cli --eval FILE keys , args).
--
-- KEYS[1..8] = meta, boxes, versions, total, states, seq, channel, log (all under one hash
-- tag, so a Redis Cluster keeps them in one slot); ARGV[1] an epoch candidate, ARGV[2] now.
--
--   meta      hash   epoch, createdAt (when the epoch was made), deltaKey (seals delta cursors; made by the first instance to need it)
--   boxes     hash   id -> JSON {name, count, state, error?, errorKind?, ef?, note?, changedAt, seq, mj?, fj?} (mj: the messages, ef: the error's facts, fj: the folders' counts, as JSON text)
--   versions  hash   id -> how many visible changes the mailbox has had
--   total     string the sum of all versions (the cursor of a "*" view)
--   states    hash   ok/pending/error -> how many mailboxes are in it
--   seq       string the next creation number (answers keep creation order)
--   log       stream one entry per change, ID 0-<total after it>, field id: what delta answers read
--
-- A missing epoch means Redis lost the data (flushed, or a new empty server):
-- the script that notices makes the new epoch from the candidate it is given.
local meta, boxes, versions, total, states, seq, channel, log = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local now = ARGV[2]
local epoch = redis.call('HGET', meta, 'epoch')
if not epoch then
  epoch = ARGV[1]
  redis.call('HSET', meta, 'epoch', epoch, 'createdAt', now)
end
local createdAt = redis.call('HGET', meta, 'createdAt')
local changed = {}

local function load(id)
  local raw = redis.call('HGET', boxes, id)
  if raw then return cjson.decode(raw), false end
  return { name = id, count = 0, state = 'pending', changedAt = createdAt }, true
end

local function logChange(id)
  local n = redis.call('INCR', total)
  redis.call('XADD', log, 'MAXLEN', '~', LOG_LENGTH, '0-' .. n, 'id', id)
  changed[#changed + 1] = id
end

local function store(id, old, nextBox, isNew, isChanged)
  if isNew then
    nextBox.seq = redis.call('INCR', seq)
    redis.call('HINCRBY', states, nextBox.state, 1)
  elseif old.state ~= nextBox.state then
    redis.call('HINCRBY', states, old.state, -1)
    redis.call('HINCRBY', states, nextBox.state, 1)
  end
  if isChanged then
    nextBox.changedAt = now
    redis.call('HINCRBY', versions, id, 1)
    logChange(id)
  end
  redis.call('HSET', boxes, id, cjson.encode(nextBox))
end

-- The message of a change (redis-change-message.ts): "<epoch> <id> <id> " (the ids that changed,
-- all an instance needs to wake its polls), then, one line each, the total after the change and
-- every changed mailbox's "<version> <stored JSON>" ("<version> " when it was forgotten), from
-- which an instance answers the polls it wakes without reading them back (redis-mirror.ts).
local function publish(command)
  if #changed == 0 then return end
  local lines = { epoch .. ' ' .. table.concat(changed, ' ') .. ' ', redis.call('GET', total) }
  for _, id in ipairs(changed) do
    lines[#lines + 1] = redis.call('HGET', versions, id) .. ' ' .. (redis.call('HGET', boxes, id) or '')
  end
  redis.call(command, channel, table.concat(lines, '\n'))
end
