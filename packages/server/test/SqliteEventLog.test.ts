import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteEventLog, type UnsequencedEvent } from '../src/index';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(path = ':memory:') {
  const db = new Database(path);
  return {
    db,
    log: (options = {}) => new SqliteEventLog(db, options),
  };
}

function update(transactionId: string): UnsequencedEvent {
  return {
    type: 'payment_status_update',
    transactionId,
    status: 'pending',
    amount: 1000,
    transactionType: 'deposit',
    message: 'Đang xử lý',
    timestamp: new Date().toISOString(),
  };
}

describe('SqliteEventLog', () => {
  it('numbers each user from 1 and replays what follows a seq, in order', () => {
    const log = open().log();
    log.transaction((tx) => {
      log.append(tx, 'alice', 'payment_status_update:v1', update('a1'));
      log.append(tx, 'bob', 'payment_status_update:v1', update('b1'));
      log.append(tx, 'alice', 'payment_status_update:v1', update('a2'));
    });
    expect(log.lastSeq('alice')).toBe(2);
    expect(log.lastSeq('bob')).toBe(1);
    expect(log.lastSeq('carol')).toBe(0);
    const replay = log.replay('alice', 0);
    expect(replay.events.map((e) => [e.seq, e.payload.transactionId, e.payload.seq])).toEqual([
      [1, 'a1', 1],
      [2, 'a2', 2],
    ]);
    expect(new Set(replay.events.map((e) => e.eventId)).size).toBe(2);
    expect(replay).toMatchObject({ lastSeq: 2, gap: false });
    expect(log.replay('alice', 2)).toEqual({ events: [], lastSeq: 2, gap: false });
  });

  it('keeps nothing and calls no commit callback when the transaction rolls back', () => {
    const log = open().log();
    let committed = 0;
    expect(() =>
      log.transaction((tx) => {
        log.append(tx, 'alice', 'payment_status_update:v1', update('a1'));
        tx.onCommit(() => (committed += 1));
        throw new Error('store failure');
      }),
    ).toThrow('store failure');
    expect(committed).toBe(0);
    expect(log.lastSeq('alice')).toBe(0);
    log.transaction((tx) => {
      tx.onCommit(() => (committed += 1));
      log.transaction((inner) => inner.onCommit(() => (committed += 10)));
      expect(committed, 'nested work joins the outer transaction').toBe(0);
    });
    expect(committed).toBe(11);
  });

  it('drops events beyond the per-user bound and reports the gap', () => {
    const log = open().log({ maxEventsPerUser: 3 });
    for (let i = 1; i <= 5; i++)
      log.transaction((tx) => log.append(tx, 'alice', 'payment_status_update:v1', update(`a${i}`)));
    expect(log.replay('alice', 0)).toMatchObject({ gap: true, lastSeq: 5 });
    expect(log.replay('alice', 0).events.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(log.replay('alice', 2)).toMatchObject({ gap: false });
    expect(log.replay('alice', 1)).toMatchObject({ gap: true });
  });

  it('drops events older than the retention and reports the gap even when none remain', () => {
    let now = 1_000_000;
    const log = open().log({ retentionMs: 1000, now: () => now });
    log.transaction((tx) => log.append(tx, 'alice', 'payment_status_update:v1', update('old')));
    now += 5000;
    log.transaction((tx) => log.append(tx, 'bob', 'payment_status_update:v1', update('other')));
    log.transaction((tx) => log.append(tx, 'alice', 'payment_status_update:v1', update('new')));
    expect(log.replay('alice', 0)).toMatchObject({ gap: true, lastSeq: 2 });
    expect(log.replay('alice', 0).events.map((e) => e.payload.transactionId)).toEqual(['new']);
  });

  it('keeps its epoch and seq in the database file across reopening', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paysocket-log-'));
    dirs.push(dir);
    const path = join(dir, 'log.db');
    const first = open(path);
    const log = first.log();
    log.transaction((tx) => log.append(tx, 'alice', 'payment_status_update:v1', update('a1')));
    first.db.close();
    const second = open(path);
    const reopened = second.log();
    expect(reopened.epoch).toBe(log.epoch);
    expect(
      reopened.transaction((tx) =>
        reopened.append(tx, 'alice', 'payment_status_update:v1', update('a2')),
      ).seq,
    ).toBe(2);
    second.db.close();
    expect(open().log().epoch).not.toBe(log.epoch);
  });
});
