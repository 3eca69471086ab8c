/**
 * The Lua scripts that change the Redis store. Each runs atomically inside
 * Redis, so a change and its version, the running total and the epoch can
 * never be seen half-made by another instance. Keys (all under one hash tag,
 * so a Redis Cluster keeps them in one slot):
 *
 *   meta      hash   epoch, createdAt (when the epoch was made), deltaKey (seals delta cursors; made by the first instance to need it)
 *   boxes     hash   id -> JSON {name, count, state, error?, errorKind?, ef?, note?, changedAt, seq, mj?} (mj: the messages, ef: the error's facts, as JSON text)
 *   versions  hash   id -> how many visible changes the mailbox has had
 *   total     string the sum of all versions (the cursor of a "*" view)
 *   states    hash   ok/pending/error -> how many mailboxes are in it
 *   seq       string the next creation number (answers keep creation order)
 *   log       stream one entry per change, ID 0-<total after it>, field id: what delta answers read
 *
 * A missing epoch means Redis lost the data (flushed, or a new empty server):
 * the script that notices makes the new epoch from the candidate it is given.
 */

import { VISIBLE_FIELDS } from '../visible-change.ts';

/** The keys a stored box keeps: what a client sees, then its change time and creation number. */
const storedKeys = [...VISIBLE_FIELDS.map((f) => f.stored), 'changedAt', 'seq'];

/** How many changes the log keeps (about: Redis trims whole blocks); older cursors get whole answers. */
export const LOG_LENGTH = 100_000;

/** Shared head: KEYS[1..8] = meta, boxes, versions, total, states, seq, channel, log; ARGV[1] epoch candidate, ARGV[2] now. */
const head = `
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

-- Generated from VISIBLE_FIELDS (visible-change.ts), the one list of what moves a cursor.
local function copy(old)
  return { ${storedKeys.map((k) => `${k} = old.${k}`).join(', ')} }
end

local function isVisible(old, nextBox)
  return ${VISIBLE_FIELDS.map((f) => `nextBox.${f.stored} ~= old.${f.stored}`).join(' or ')}
end

local function logChange(id)
  local n = redis.call('INCR', total)
  redis.call('XADD', log, 'MAXLEN', '~', '${LOG_LENGTH}', '0-' .. n, 'id', id)
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

local function publish(command)
  if #changed > 0 then redis.call(command, channel, epoch .. ' ' .. table.concat(changed, ' ')) end
end
`;

/**
 * setMany: ARGV[3] most mailboxes, ARGV[4] PUBLISH or SPUBLISH, ARGV[5] the
 * updates as JSON. Merges each update as visibleChange (visible-change.ts) does;
 * which fields count as a change is generated from its VISIBLE_FIELDS.
 * Returns {epoch, changed ids...}, or {"full"} when new mailboxes would pass the limit.
 */
export const setManyScript = `${head}
local updates = cjson.decode(ARGV[5])
local adding = 0
for _, u in ipairs(updates) do
  if redis.call('HEXISTS', boxes, u.id) == 0 then adding = adding + 1 end
end
if adding > 0 and redis.call('HLEN', boxes) + adding > tonumber(ARGV[3]) then return { 'full' } end
for _, u in ipairs(updates) do
  local old, isNew = load(u.id)
  local nextBox = copy(old)
  if u.name then nextBox.name = u.name end
  -- A note of "" removes it, as in visibleChange.
  if u.note == '' then nextBox.note = nil elseif u.note then nextBox.note = u.note end
  -- Messages travel as one canonical JSON text (mj), so comparing them is comparing strings.
  if u.mj then nextBox.mj = u.mj end
  if u.count then nextBox.count = u.count end
  -- A fresh count without a state means the source is fine again.
  local state = u.state or (u.count and 'ok') or old.state
  nextBox.state = state
  if state == 'error' then nextBox.error = u.error or old.error or 'the source failed' else nextBox.error = nil end
  -- The kind and facts belong to the sentence: a new error replaces them, a count or a rename keeps them.
  if state ~= 'error' then nextBox.errorKind = nil; nextBox.ef = nil
  elseif u.error or u.errorKind then nextBox.errorKind = u.errorKind; nextBox.ef = u.ef end
  local isChanged = isVisible(old, nextBox)
  if isChanged or isNew then store(u.id, old, nextBox, isNew, isChanged) end
end
publish(ARGV[4])
local reply = { epoch }
for _, id in ipairs(changed) do reply[#reply + 1] = id end
return reply
`;

/**
 * declare: ARGV[3] PUBLISH or SPUBLISH, then id, name pairs. A new mailbox is
 * made pending (no change: nobody saw it before); a known one whose name
 * differs is renamed, which clients see like any change.
 */
export const declareScript = `${head}
for i = 4, #ARGV, 2 do
  local id, name = ARGV[i], ARGV[i + 1]
  local old, isNew = load(id)
  if isNew or old.name ~= name then
    local nextBox = copy(old)
    nextBox.name = name
    store(id, old, nextBox, isNew, not isNew)
  end
end
publish(ARGV[3])
return epoch
`;

/**
 * forget: ARGV[3] PUBLISH or SPUBLISH, then ids. A forgotten mailbox (no longer
 * in a reloaded config) is removed, but its version goes on counting, so a
 * cursor never goes back, as in MemoryStore.forget.
 */
export const forgetScript = `${head}
for i = 4, #ARGV do
  local id = ARGV[i]
  local raw = redis.call('HGET', boxes, id)
  if raw then
    local old = cjson.decode(raw)
    redis.call('HDEL', boxes, id)
    redis.call('HINCRBY', states, old.state, -1)
    redis.call('HINCRBY', versions, id, 1)
    logChange(id)
  end
end
publish(ARGV[3])
return epoch
`;

/** claim: KEYS[1] the lease, ARGV[1] this instance, ARGV[2] ttl in ms. 1 when this instance holds it now. */
export const claimScript = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

/** release: KEYS[1] the lease, ARGV[1] this instance; deletes it only if this instance holds it. */
export const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
`;
