import { randomUUID } from 'node:crypto';
import type { PaymentEvent, PaymentEventName } from '@paysocket/protocol';
import type { AsyncEventLog, ReplayResult, StoredEvent, UnsequencedEvent } from './EventLog';

/** The part of an ioredis-style client this log uses (`ioredis`, or anything with its `eval`). */
export interface RedisClientLike {
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

export interface RedisEventLogOptions {
  /** Prefix of every key the log writes. Defaults to `paysocket:`. */
  keyPrefix?: string;
  /** Events kept per user; older ones are dropped (a client that far behind gets `gap`). Defaults to `1000`. */
  maxEventsPerUser?: number;
  /** How long events are kept, in milliseconds. Defaults to `604800000` (7 days). */
  retentionMs?: number;
  /** Clock, for tests. Defaults to `Date.now`. */
  now?: () => number;
}

const EPOCH_MISMATCH = 'PAYSOCKET_EPOCH_MISMATCH';

// Creates the epoch once; every later node reads the same one.
const OPEN = `
redis.call('SET', KEYS[1], ARGV[1], 'NX')
return redis.call('GET', KEYS[1])`;

// A record is "seq\\ncreatedAt\\neventId\\nname\\njson": JSON never holds a raw newline, and
// the payload stays the caller's exact text (Lua's cjson would round large numbers).
// The epoch check makes a node whose Redis lost its data fail loudly instead of numbering
// a new log under the old epoch.
const APPEND = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return redis.error_reply('${EPOCH_MISMATCH}') end
local seq = redis.call('INCR', KEYS[2])
redis.call('ZADD', KEYS[3], seq, seq .. '\\n' .. ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', seq - tonumber(ARGV[3]))
local cutoff = tonumber(ARGV[4])
while true do
  local oldest = redis.call('ZRANGE', KEYS[3], 0, 0)[1]
  if not oldest or tonumber(string.match(oldest, '^%d+\\n(%d+)\\n')) >= cutoff then break end
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, 0)
end
redis.call('PEXPIRE', KEYS[3], ARGV[5])
return seq`;

const REPLAY = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return redis.error_reply('${EPOCH_MISMATCH}') end
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
return {last, redis.call('ZRANGEBYSCORE', KEYS[3], '(' .. ARGV[2], '+inf', 'LIMIT', 0, ARGV[3])}`;

const LAST_SEQ = `return tonumber(redis.call('GET', KEYS[1]) or '0')`;

/**
 * {@link AsyncEventLog} in Redis, shared by every node of a multi-node deployment: each
 * append is one atomic script (next seq, store, prune), so seq stays strictly increasing
 * per user whichever node appends, and replay reads the events together with the latest
 * seq. The epoch lives in Redis, so it survives node restarts; run Redis with persistence
 * (AOF) for the log to survive a Redis restart.
 */
export class RedisEventLog implements AsyncEventLog {
  readonly epoch: string;
  readonly #client: RedisClientLike;
  readonly #prefix: string;
  readonly #maxEvents: number;
  readonly #retentionMs: number;
  readonly #now: () => number;

  private constructor(client: RedisClientLike, epoch: string, options: RedisEventLogOptions) {
    this.#client = client;
    this.epoch = epoch;
    this.#prefix = options.keyPrefix ?? 'paysocket:';
    this.#maxEvents = options.maxEventsPerUser ?? 1000;
    this.#retentionMs = options.retentionMs ?? 7 * 24 * 60 * 60 * 1000;
    this.#now = options.now ?? Date.now;
  }

  /** Opens the log in Redis, creating its epoch if this is the first node ever to open it. */
  static async open(
    client: RedisClientLike,
    options: RedisEventLogOptions = {},
  ): Promise<RedisEventLog> {
    const maxEvents = options.maxEventsPerUser ?? 1000;
    if (!Number.isSafeInteger(maxEvents) || maxEvents < 1) {
      throw new RangeError('maxEventsPerUser must be a positive integer');
    }
    const retentionMs = options.retentionMs ?? 7 * 24 * 60 * 60 * 1000;
    if (!Number.isSafeInteger(retentionMs) || retentionMs < 1) {
      throw new RangeError('retentionMs must be a positive integer');
    }
    const epochKey = `${options.keyPrefix ?? 'paysocket:'}epoch`;
    const epoch = await client.eval(OPEN, 1, epochKey, randomUUID());
    if (typeof epoch !== 'string') throw new Error(`unexpected epoch in Redis: ${String(epoch)}`);
    return new RedisEventLog(client, epoch, options);
  }

  async append(
    userId: string,
    name: PaymentEventName,
    event: UnsequencedEvent,
  ): Promise<StoredEvent> {
    const createdAt = this.#now();
    const eventId = randomUUID();
    const record = `${createdAt}\n${eventId}\n${name}\n${JSON.stringify(event)}`;
    const seq = Number(
      await this.#eval(
        APPEND,
        this.#keys(userId),
        this.epoch,
        record,
        this.#maxEvents,
        createdAt - this.#retentionMs,
        this.#retentionMs,
      ),
    );
    const payload = { ...event, eventId, seq } as PaymentEvent;
    return { userId, seq, eventId, name, payload, createdAt };
  }

  async replay(userId: string, afterSeq: number): Promise<ReplayResult> {
    const [last, records] = (await this.#eval(
      REPLAY,
      this.#keys(userId),
      this.epoch,
      afterSeq,
      this.#maxEvents,
    )) as [number, string[]];
    const lastSeq = Number(last);
    const events = records.map((record) => parseRecord(userId, record));
    const first = events[0];
    const gap = first ? first.seq !== afterSeq + 1 : afterSeq !== lastSeq;
    return { events, lastSeq, gap };
  }

  async lastSeq(userId: string): Promise<number> {
    const [, seqKey] = this.#keys(userId);
    return Number(await this.#client.eval(LAST_SEQ, 1, seqKey));
  }

  #keys(userId: string): [string, string, string] {
    const p = this.#prefix;
    return [`${p}epoch`, `${p}seq:${userId}`, `${p}events:${userId}`];
  }

  async #eval(script: string, keys: string[], ...args: Array<string | number>): Promise<unknown> {
    try {
      return await this.#client.eval(script, keys.length, ...keys, ...args);
    } catch (error) {
      if (error instanceof Error && error.message.includes(EPOCH_MISMATCH)) {
        throw new Error(
          `the event log in Redis is no longer epoch ${this.epoch} (its data was lost or replaced); restart this node to open the new log`,
          { cause: error },
        );
      }
      throw error;
    }
  }
}

function parseRecord(userId: string, record: string): StoredEvent {
  const [seq, createdAt, eventId, name] = record.split('\n', 4) as [string, string, string, string];
  const json = record.slice(seq.length + createdAt.length + eventId.length + name.length + 4);
  const payload = {
    ...(JSON.parse(json) as UnsequencedEvent),
    eventId,
    seq: Number(seq),
  } as PaymentEvent;
  return {
    userId,
    seq: Number(seq),
    eventId,
    name: name as PaymentEventName,
    payload,
    createdAt: Number(createdAt),
  };
}
