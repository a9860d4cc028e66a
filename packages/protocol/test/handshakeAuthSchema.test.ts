import { describe, expect, expectTypeOf, it } from 'vitest';
import { handshakeAuthSchema, type HandshakeAuth, type ParsedHandshakeAuth } from '../src/index';

describe('handshake auth schema', () => {
  it('reads what a client sends', () => {
    expect(handshakeAuthSchema.parse({ token: 'jwt', epoch: 'e1', lastSeq: 7 })).toEqual({
      token: 'jwt',
      epoch: 'e1',
      lastSeq: 7,
    });
    expect(handshakeAuthSchema.parse({ epoch: 'e1', lastSeq: 0 })).toEqual({
      epoch: 'e1',
      lastSeq: 0,
    });
    expect(handshakeAuthSchema.parse({})).toEqual({});
  });

  it.each([
    ['negative', -1],
    ['fractional', 1.5],
    ['beyond 2^53', 2 ** 53],
    ['a string', '7'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['null', null],
  ])('drops a lastSeq that is %s and keeps the other fields', (_name, lastSeq) => {
    const parsed = handshakeAuthSchema.parse({ token: 'jwt', epoch: 'e1', lastSeq });
    expect(parsed.lastSeq).toBeUndefined();
    expect(parsed).toMatchObject({ token: 'jwt', epoch: 'e1' });
  });

  it('drops an epoch or token that is not a string', () => {
    const parsed = handshakeAuthSchema.parse({ token: 42, epoch: { id: 'e1' }, lastSeq: 3 });
    expect(parsed).toEqual({ token: undefined, epoch: undefined, lastSeq: 3 });
  });

  it('leaves out keys it does not know', () => {
    expect(handshakeAuthSchema.parse({ lastSeq: 2, room: 'user:bob' })).toEqual({ lastSeq: 2 });
  });

  it.each([undefined, null, 'token', 42, ['e1', 3]])('fails for %j', (auth) => {
    expect(handshakeAuthSchema.safeParse(auth).success).toBe(false);
  });

  it('reads the HandshakeAuth a client builds', () => {
    expectTypeOf<ParsedHandshakeAuth>().toEqualTypeOf<{
      token?: string | undefined;
      epoch?: string | undefined;
      lastSeq?: number | undefined;
    }>();
    expectTypeOf<HandshakeAuth>().toExtend<ParsedHandshakeAuth>();
  });
});
