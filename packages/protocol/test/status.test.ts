import { describe, expect, it } from 'vitest';
import {
  acceptsLateSuccess,
  canTransition,
  isFinalState,
  isTerminalStatus,
  isValidMomoAmount,
  mapMomoResultCode,
  parseEventName,
  userRoom,
} from '../src/index';

describe('status rules', () => {
  it('knows which statuses are terminal', () => {
    expect(isTerminalStatus('pending')).toBe(false);
    expect(isTerminalStatus('completed')).toBe(true);
    expect(isTerminalStatus('failed')).toBe(true);
    expect(isTerminalStatus('cancelled')).toBe(true);
  });

  it('lets pending become any terminal status, never pending again', () => {
    for (const to of ['completed', 'failed', 'cancelled'] as const) {
      expect(canTransition({ status: 'pending' }, to)).toBe(true);
    }
    expect(canTransition({ status: 'pending' }, 'pending')).toBe(false);
  });

  it('never regresses a terminal status', () => {
    expect(canTransition({ status: 'completed' }, 'pending')).toBe(false);
    expect(canTransition({ status: 'completed' }, 'failed')).toBe(false);
    expect(canTransition({ status: 'failed', reason: 'declined' }, 'completed')).toBe(false);
    expect(canTransition({ status: 'cancelled', reason: 'declined' }, 'completed')).toBe(false);
    expect(canTransition({ status: 'failed', reason: 'expired' }, 'pending')).toBe(false);
    expect(canTransition({ status: 'failed', reason: 'expired' }, 'cancelled')).toBe(false);
  });

  it('allows the late success of an expired or user-cancelled deposit only', () => {
    expect(canTransition({ status: 'failed', reason: 'expired' }, 'completed')).toBe(true);
    expect(canTransition({ status: 'cancelled', reason: 'user_cancelled' }, 'completed')).toBe(
      true,
    );
    expect(canTransition({ status: 'failed', reason: 'expired' }, 'completed', 'withdrawal')).toBe(
      false,
    );
    expect(acceptsLateSuccess({ status: 'failed', reason: 'insufficient_funds' })).toBe(false);
    expect(isFinalState({ status: 'failed', reason: 'expired' })).toBe(false);
    expect(isFinalState({ status: 'completed' })).toBe(true);
    expect(isFinalState({ status: 'pending' })).toBe(false);
  });
});

describe('MoMo resultCode mapping', () => {
  it.each([
    [0, 'completed', undefined],
    [9000, 'completed', undefined],
    [1000, 'pending', undefined],
    [7000, 'pending', undefined],
    [7002, 'pending', undefined],
    [8000, 'pending', undefined],
    [1001, 'failed', 'insufficient_funds'],
    [1005, 'failed', 'expired'],
    [1006, 'cancelled', 'declined'],
    [1017, 'cancelled', 'merchant_cancelled'],
    [1002, 'failed', 'momo_1002'],
    [49, 'failed', 'momo_49'],
  ])('%i -> %s %s', (code, status, reason) => {
    expect(mapMomoResultCode(code)).toEqual(reason ? { status, reason } : { status });
  });

  it('checks MoMo amount limits', () => {
    expect(isValidMomoAmount(1_000)).toBe(true);
    expect(isValidMomoAmount(50_000_000)).toBe(true);
    expect(isValidMomoAmount(999)).toBe(false);
    expect(isValidMomoAmount(50_000_001)).toBe(false);
    expect(isValidMomoAmount(10_000.5)).toBe(false);
  });
});

describe('event names', () => {
  it('parses versioned names and builds rooms', () => {
    expect(parseEventName('deposit_completed:v2')).toEqual({
      kind: 'deposit_completed',
      version: 2,
    });
    expect(parseEventName('connect')).toBeUndefined();
    expect(userRoom('42')).toBe('user:42');
  });
});
