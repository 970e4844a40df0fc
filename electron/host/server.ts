// The browser shell: a loopback HTTP + WebSocket server that serves the built renderer and the same API
// as Electron's IPC. Bound to 127.0.0.1 only. The address carries a random per-run token that works
// once: it is exchanged for a separate random session secret in an HttpOnly, SameSite=Strict cookie,
// required on every request and socket. So the address, which may be seen in the process list (Chromium
// --app=URL), is useless once the app has opened it. Host and Origin are checked against DNS rebinding.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventMessage, Request, Response } from '../../shared/api.ts';
import type { EventBus } from '../core/app/events.ts';
import type { Router } from '../router.ts';
import { contentSecurityPolicy } from '../security.ts';

export type HostOptions = {
  router: Router;
  events: EventBus;
  rendererDir: string;
  port?: number;
  token?: string;
};

export type Host = { url: string; origin: string; port: number; token: string; close(): Promise<void> };

const COOKIE = 'portcullis_session';
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

function sameSecret(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieSession(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

export async function startHost(opts: HostOptions): Promise<Host> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  let tokenUsed = false;
  const sessions = new Set<string>();
  const hasSession = (req: IncomingMessage) => {
    const offered = cookieSession(req);
    return offered !== undefined && [...sessions].some((s) => sameSecret(offered, s));
  };
  const rendererDir = resolve(opts.rendererDir);
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);

  const refuse = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  };

  const server = createServer((req, res) => {
    if (!allowedHosts().includes(req.headers.host ?? '')) return refuse(res, 421, 'Wrong host.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!sameSecret(offered, token)) return refuse(res, 403, 'This address is not valid. Open the address Portcullis printed when it started.');
      if (tokenUsed && !hasSession(req)) {
        return refuse(res, 403, 'This address has already been used to open Portcullis. Restart Portcullis for a new address.');
      }
      tokenUsed = true;
      const session = cookieSession(req) !== undefined && hasSession(req) ? cookieSession(req)! : randomBytes(32).toString('base64url');
      sessions.add(session);
      url.searchParams.delete('token');
      res.writeHead(303, {
        'Set-Cookie': `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
      });
      return res.end();
    }
    if (!hasSession(req)) {
      return refuse(res, 403, 'Open Portcullis with the address it printed when it started.');
    }
    serveFile(rendererDir, url.pathname, res, port);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    const ok =
      new URL(req.url ?? '/', 'http://x').pathname === '/api' &&
      allowedHosts().includes(req.headers.host ?? '') &&
      allowedOrigins().includes(req.headers.origin ?? '') &&
      hasSession(req);
    if (!ok) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data, isBinary) => {
        if (isBinary) return ws.close(1003, 'text only');
        let msg: Request;
        try {
          msg = JSON.parse(data.toString()) as Request;
        } catch {
          return ws.close(1007, 'invalid JSON');
        }
        if (typeof msg !== 'object' || msg === null || typeof msg.id !== 'number') return ws.close(1007, 'invalid request');
        void opts.router.call(msg.method, msg.input).then((r) => {
          const response: Response = r.ok ? { id: msg.id, ok: true, result: r.result } : { id: msg.id, ok: false, error: r.error };
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
        });
      });
    });
  });

  const unsubscribe = opts.events.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload } satisfies EventMessage);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function serveFile(root: string, pathname: string, res: ServerResponse, port: number): void {
  let rel: string;
  try {
    rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = resolve(join(root, rel));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(404).end();
    return;
  }
  // Client-side routes fall back to the app; files with an extension must exist.
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (extname(rel) !== '') {
      res.writeHead(404).end();
      return;
    }
    file = join(root, 'index.html');
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'private, max-age=3600',
  };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = contentSecurityPolicy(`ws://127.0.0.1:${port} ws://localhost:${port}`);
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
}
