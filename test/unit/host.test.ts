import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../../electron/host/server.ts';
import { testCore, type TestCore } from './helpers/workspace.ts';

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(port: number, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('browser shell', () => {
  let t: TestCore;
  let host: Host;
  let cookie: string;
  beforeAll(async () => {
    t = testCore();
    const rendererDir = join(t.root, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Portcullis</title>');
    writeFileSync(join(t.root, 'secret.txt'), 'outside the renderer');
    host = await startHost({ router: t.router, events: t.core.events, rendererDir });
    const r = await get(host.port, `/?token=${host.token}`, { Host: `127.0.0.1:${host.port}` });
    cookie = String(r.headers['set-cookie']).split(';')[0]!;
  });
  afterAll(async () => {
    await host.close();
    await t.dispose();
  });

  it('listens on loopback only', () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
  });

  it('exchanges the token for a separate session secret in an HttpOnly SameSite=Strict cookie', () => {
    expect(cookie).toMatch(/^portcullis_session=/);
    expect(cookie).not.toContain(host.token);
  });

  it('lets the address work only once', async () => {
    const again = await get(host.port, `/?token=${host.token}`, { Host: `127.0.0.1:${host.port}` });
    expect(again.status).toBe(403);
    expect(again.body).toContain('already been used');
    // The browser that holds the session may follow the address again.
    const same = await get(host.port, `/?token=${host.token}`, { Host: `127.0.0.1:${host.port}`, Cookie: cookie });
    expect(same.status).toBe(303);
    // The token itself is not a credential.
    expect((await get(host.port, '/', { Host: `127.0.0.1:${host.port}`, Cookie: `portcullis_session=${host.token}` })).status).toBe(403);
  });

  it('refuses requests without the token, or with a wrong one', async () => {
    expect((await get(host.port, '/', { Host: `127.0.0.1:${host.port}` })).status).toBe(403);
    expect((await get(host.port, '/?token=wrong', { Host: `127.0.0.1:${host.port}` })).status).toBe(403);
    expect((await get(host.port, '/', { Host: `127.0.0.1:${host.port}`, Cookie: 'portcullis_session=nope' })).status).toBe(403);
  });

  it('serves the app with a strict CSP once authenticated', async () => {
    const r = await get(host.port, '/', { Host: `127.0.0.1:${host.port}`, Cookie: cookie });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Portcullis</title>');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('refuses another Host header (DNS rebinding)', async () => {
    expect((await get(host.port, '/', { Host: 'evil.example:80', Cookie: cookie })).status).toBe(421);
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await get(host.port, '/..%2Fsecret.txt', { Host: `127.0.0.1:${host.port}`, Cookie: cookie });
    expect(r.body).not.toContain('outside the renderer');
  });

  it('refuses a socket without the token or from another Origin', async () => {
    await expect(openSocket(host.port, { Origin: host.origin })).rejects.toThrow(/403/);
    await expect(openSocket(host.port, { Origin: 'http://evil.example', Cookie: cookie })).rejects.toThrow(/403/);
    await expect(openSocket(host.port, { Cookie: cookie })).rejects.toThrow(/403/);
  });

  it('answers API calls over an authenticated socket, with the router’s validation', async () => {
    const ws = await openSocket(host.port, { Origin: host.origin, Cookie: cookie });
    const call = (id: number, method: string, input: unknown) =>
      new Promise<unknown>((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          const msg = JSON.parse(data.toString()) as { id?: number };
          if (msg.id === id) {
            ws.off('message', onMessage);
            resolve(msg);
          }
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ id, method, input }));
      });
    expect(await call(1, 'identifiers.validate', { kind: 'imo', value: '9074729' })).toEqual({
      id: 1,
      ok: true,
      result: { valid: true, normalized: '9074729' },
    });
    expect(await call(2, 'no.such.method', {})).toMatchObject({ id: 2, ok: false, error: { code: 'API_UNKNOWN_METHOD' } });
    expect(await call(3, 'records.stats', {})).toMatchObject({ id: 3, ok: false, error: { code: 'WORKSPACE_LOCKED' } });
    ws.close();
  });
});
