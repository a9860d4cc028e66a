import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createOriginAllowRequest, isOriginAllowed } from '../src/index';

function ask(
  allow: ReturnType<typeof createOriginAllowRequest>,
  origin?: string,
): Promise<boolean> {
  const req = { headers: origin === undefined ? {} : { origin } } as IncomingMessage;
  return new Promise((resolve) => allow(req, (_err, success) => resolve(success)));
}

describe('origin allowlist', () => {
  const list = ['http://localhost:5173', 'https://wallet.example'];

  it('matches exactly and lets non-browsers (no Origin) through', async () => {
    const allow = createOriginAllowRequest(list);
    expect(await ask(allow, 'http://localhost:5173')).toBe(true);
    expect(await ask(allow, 'https://wallet.example')).toBe(true);
    expect(await ask(allow)).toBe(true);
    for (const origin of [
      'null',
      '',
      'http://localhost:5173.evil.example',
      'http://localhost',
      'http://wallet.example',
      'https://wallet.example.evil',
      'HTTPS://WALLET.EXAMPLE',
    ]) {
      expect(await ask(allow, origin), origin).toBe(false);
    }
  });

  it('accepts a predicate', () => {
    expect(isOriginAllowed('http://a.example', (origin) => origin.startsWith('http://a.'))).toBe(
      true,
    );
    expect(isOriginAllowed('null', () => true)).toBe(false);
  });
});
