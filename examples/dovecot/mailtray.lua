-- Mailtray feed for Dovecot's push_notification Lua driver (Dovecot 2.3, Lua 5.3/5.4).
--
-- On delivery, flag changes and expunges, sends the unseen count of each folder
-- the transaction touched to Mailtray's POST /v1/counts with an ingest token,
-- and for new mail its sender and subject (as the folder's newest unseen
-- message, which a notification names). When a folder has no unseen mail left
-- its messages are cleared; otherwise they are left as they were (Dovecot's
-- Lua API cannot list a folder's unseen messages, so after one of several is
-- read the list may still name it until the next delivery).
-- Counts are absolute, never "+1", so a lost request costs nothing: the next
-- event carries the true count. It fails soft: when Mailtray is down or slow,
-- a warning is logged and Dovecot goes on delivering.
--
-- Settings (plugin { } in the Dovecot config; see mailtray.conf beside this file):
--   mailtray_url        Mailtray's base URL, e.g. http://127.0.0.1:7300 (required)
--   mailtray_token      an ingest token (required)
--   mailtray_mailbox_id the mailbox id template: %u is expanded by Dovecot (the
--                       user), %%f reaches this script as %f (the folder). Default %u.
--   mailtray_folders    folders to report, separated by spaces, or * for all. Default INBOX.
--   mailtray_timeout    seconds to wait for Mailtray before giving up. Default 2.
--
-- Needs lua-socket and lua-cjson (Debian: apt-get install lua-socket lua-cjson).

local http = require("socket.http")
local ltn12 = require("ltn12")
local cjson = require("cjson")

local function setting(user, name, default)
  local value = user:plugin_getenv(name)
  if value == nil or value == "" then return default end
  return value
end

-- Mailbox ids are 1 to 128 of A-Z a-z 0-9 . _ @ + - (the protocol's rule).
local function mailbox_id(template, folder)
  local id = template:gsub("%%f", function() return folder end)
  id = id:gsub("[^A-Za-z0-9._@+-]", "_")
  return id:sub(1, 128)
end

local function is_reported(ctx, folder)
  if ctx.folders == "*" then return true end
  for name in ctx.folders:gmatch("%S+") do
    if name == folder then return true end
  end
  return false
end

local function unseen_count(user, folder)
  local box = user:mailbox(folder)
  box:sync()
  local status = box:status(dovecot.storage.STATUS_UNSEEN)
  box:free()
  return status.unseen
end

local function post(ctx, body)
  local chunks = {}
  http.TIMEOUT = ctx.timeout
  local ok, code = http.request({
    url = ctx.url:gsub("/+$", "") .. "/v1/counts",
    method = "POST",
    headers = {
      ["Authorization"] = "Bearer " .. ctx.token,
      ["Content-Type"] = "application/json",
      ["Content-Length"] = tostring(#body),
    },
    source = ltn12.source.string(body),
    sink = ltn12.sink.table(chunks),
  })
  if not ok then
    dovecot.i_warning("mailtray: could not reach " .. ctx.url .. " (" .. tostring(code) .. "); the next event will carry the true count")
  elseif code ~= 200 then
    dovecot.i_warning("mailtray: " .. ctx.url .. " answered " .. tostring(code) .. ": " .. table.concat(chunks):sub(1, 300))
  end
end

-- cjson writes an empty table as {}; the protocol wants [] for "no messages".
local NO_MESSAGES = "__mailtray_no_messages__"

local function newest_message(event)
  if not event.uid or not event.from then return nil end
  local message = {
    id = tostring(event.uid_validity or 0) .. "." .. tostring(event.uid),
    from = event.from,
    subject = event.subject or "",
  }
  if type(event.date) == "number" and event.date > 0 then message.date = os.date("!%Y-%m-%dT%H:%M:%SZ", event.date) end
  return message
end

local function send(ctx)
  if #ctx.touched == 0 then return end
  if not ctx.url or not ctx.token then
    dovecot.i_warning("mailtray: set mailtray_url and mailtray_token in the plugin settings")
    return
  end
  local mailboxes = {}
  for _, folder in ipairs(ctx.touched) do
    local entry = { id = mailbox_id(ctx.template, folder), count = unseen_count(ctx.user, folder) }
    if ctx.newest[folder] and entry.count > 0 then entry.messages = { ctx.newest[folder] }
    elseif entry.count == 0 then entry.messages = NO_MESSAGES end
    mailboxes[#mailboxes + 1] = entry
  end
  local body = cjson.encode({ mailboxes = mailboxes }):gsub('"' .. NO_MESSAGES .. '"', "[]")
  post(ctx, body)
end

function dovecot_lua_notify_begin_txn(user)
  return {
    user = user,
    url = setting(user, "mailtray_url", nil),
    token = setting(user, "mailtray_token", nil),
    template = setting(user, "mailtray_mailbox_id", user.username),
    folders = setting(user, "mailtray_folders", "INBOX"),
    timeout = tonumber(setting(user, "mailtray_timeout", "2")) or 2,
    touched = {},
    seen = {},
    newest = {},
  }
end

-- Every event that can change a folder's unseen count marks the folder;
-- the counts are read once, at the end of the transaction.
local function touch(ctx, event)
  local folder = event.mailbox
  if folder and not ctx.seen[folder] and is_reported(ctx, folder) then
    ctx.seen[folder] = true
    ctx.touched[#ctx.touched + 1] = folder
  end
end

function dovecot_lua_notify_event_message_new(ctx, event)
  touch(ctx, event)
  if event.mailbox and ctx.seen[event.mailbox] then ctx.newest[event.mailbox] = newest_message(event) end
end
dovecot_lua_notify_event_message_append = touch
dovecot_lua_notify_event_message_expunge = touch
dovecot_lua_notify_event_message_read = touch
dovecot_lua_notify_event_message_trash = touch
dovecot_lua_notify_event_flags_set = touch
dovecot_lua_notify_event_flags_clear = touch

function dovecot_lua_notify_end_txn(ctx)
  -- Never let a Mailtray problem become a delivery problem.
  local ok, err = pcall(send, ctx)
  if not ok then dovecot.i_warning("mailtray: " .. tostring(err)) end
end
