import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testServer';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
}, 30_000);
afterEach(async () => {
  await t.cleanup();
}, 30_000);

const TWO_MB = 2 * 1024 * 1024;

/** Two GETs on fetch's pooled keep-alive connections, as a client does after a refusal. */
async function twoMetricsCalls(url: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 2; i++) {
    const response = await fetch(`${url}/metrics`);
    await response.text();
    statuses.push(response.status);
  }
  return statuses;
}

describe('oversized bodies', { timeout: 30_000 }, () => {
  it('answers 413 with Connection: close, so the next requests on the pool work', async () => {
    const response = await fetch(`${t.url}/api/v1/payment/momo/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(TWO_MB),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await twoMetricsCalls(t.url)).toEqual([200, 200]);
    expect(response.headers.get('connection')).toBe('close');
  });

  it('does the same for a chunked body with no Content-Length', async () => {
    const chunk = new TextEncoder().encode('y'.repeat(32 * 1024));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent < TWO_MB; sent += chunk.length) controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await fetch(`${t.url}/api/v1/payment/momo/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    await response.text();
    expect(await twoMetricsCalls(t.url)).toEqual([200, 200]);
    expect(response.headers.get('connection')).toBe('close');
  });

  it('keeps the connection alive for answers that read the whole body', async () => {
    const response = await fetch(`${t.url}/api/v1/payment/momo/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"not":"an ipn"}',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('connection')).toBe('keep-alive');
    await response.text();
    expect(await twoMetricsCalls(t.url)).toEqual([200, 200]);
  });
});
