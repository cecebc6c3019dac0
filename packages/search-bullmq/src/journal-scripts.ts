/**
 * The journal's Lua scripts. Redis runs a script atomically and, with append-only
 * persistence, logs its effects as one MULTI/EXEC block, so each script is all-or-nothing
 * across a crash too.
 */

/**
 * Appends records, after checking ownership and results.
 * KEYS: log, tokens, finished, trialCounts.
 * ARGV: guardCount, then guardCount pairs (trial id, token), then triples (kind, id, line):
 * kind "c" creates a trial of study `id` (counted), "f" finishes trial `id`, "-" anything else.
 * Returns {first log index}, or {-1, trial id} when a guard's token is not the trial's
 * current one, {-2, trial id} when a guarded or finishing record targets a finished trial.
 */
export const APPEND = `
local at = 1
local guards = tonumber(ARGV[at])
at = at + 1
for _ = 1, guards do
  local id, token = ARGV[at], ARGV[at + 1]
  at = at + 2
  if redis.call('SISMEMBER', KEYS[3], id) == 1 then return {-2, id} end
  if redis.call('HGET', KEYS[2], id) ~= token then return {-1, id} end
end
local start = at
while at <= #ARGV do
  if ARGV[at] == 'f' and redis.call('SISMEMBER', KEYS[3], ARGV[at + 1]) == 1 then
    return {-2, ARGV[at + 1]}
  end
  at = at + 3
end
local first = redis.call('LLEN', KEYS[1])
at = start
while at <= #ARGV do
  local kind, id = ARGV[at], ARGV[at + 1]
  if kind == 'f' then
    redis.call('SADD', KEYS[3], id)
  elseif kind == 'c' then
    redis.call('HINCRBY', KEYS[4], id, 1)
  end
  redis.call('RPUSH', KEYS[1], ARGV[at + 2])
  at = at + 3
end
return {first}
`;

/**
 * Creates a trial unless the study already has `limit`: the trial counter is read and
 * incremented with the CREATE_TRIAL record in one step, so two controllers never overshoot.
 * KEYS: log, trialCounts. ARGV: study id, limit, line.
 * Returns {log index, trial number}, or {-3, count} when the study has `limit` trials.
 */
export const CREATE_TRIAL = `
local count = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if count >= tonumber(ARGV[2]) then return {-3, count} end
redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
local first = redis.call('LLEN', KEYS[1])
redis.call('RPUSH', KEYS[1], ARGV[3])
return {first, count}
`;

/**
 * Starts an attempt: the new token takes the trial over (any older attempt's writes are
 * refused from now on) and the attempt counter goes up.
 * KEYS: tokens, finished, attempts. ARGV: trial id, token.
 * Returns the attempt number (1, 2...), or -1 when the trial is already finished.
 */
export const BEGIN_ATTEMPT = `
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return -1 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
`;
