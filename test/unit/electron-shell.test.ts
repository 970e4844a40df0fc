// Electron can't run on these machines: the window options, hardening handlers, IPC sender check and
// menu are tested against fakes of the Electron objects they are given.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../electron/core/app/events.ts';
import { registerIpc, INVOKE_CHANNEL } from '../../electron/ipc.ts';
import { keychainUsable } from '../../electron/keychain.ts';
import { menuTemplate } from '../../electron/menu.ts';
import { appProtocolHandler } from '../../electron/protocol.ts';
import { contentSecurityPolicy, hardenSession, hardenWebContents, isTrustedSender, windowOptions } from '../../electron/security.ts';
import type { Router } from '../../electron/router.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('window options', () => {
  const prefs = windowOptions('/app/preload.cjs').webPreferences!;
  it('isolates and sandboxes the page', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
  });
  it('has a CSP with default-src self and no unsafe-eval', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toMatch(/^default-src 'self'/);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
  });
});

describe('web contents hardening', () => {
  function fakeContents() {
    const handlers = new Map<string, (...args: unknown[]) => void>();
    let openHandler: (() => { action: string }) | undefined;
    return {
      on: vi.fn((name: string, fn: (...args: unknown[]) => void) => handlers.set(name, fn)),
      setWindowOpenHandler: vi.fn((fn: () => { action: string }) => (openHandler = fn)),
      fire(name: string, ...args: unknown[]) {
        handlers.get(name)?.(...args);
      },
      openHandler: () => openHandler?.(),
    };
  }

  it('blocks navigation away from the app and allows it within', () => {
    const c = fakeContents();
    hardenWebContents(c as never);
    const away = { preventDefault: vi.fn() };
    c.fire('will-navigate', away, 'https://example.org/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    c.fire('will-navigate', inside, 'app://portcullis/index.html#/cases');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    c.fire('will-redirect', redirect, 'file:///etc/passwd');
    expect(redirect.preventDefault).toHaveBeenCalled();
  });

  it('denies window.open and <webview>', () => {
    const c = fakeContents();
    hardenWebContents(c as never);
    expect(c.openHandler()).toEqual({ action: 'deny' });
    const attach = { preventDefault: vi.fn() };
    c.fire('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission and cancels every request that is not the app’s own', () => {
    let requestHandler: ((wc: unknown, perm: string, cb: (ok: boolean) => void) => void) | undefined;
    let checkHandler: (() => boolean) | undefined;
    let deviceHandler: (() => boolean) | undefined;
    let beforeRequest: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    hardenSession({
      setPermissionRequestHandler: (fn: never) => (requestHandler = fn),
      setPermissionCheckHandler: (fn: never) => (checkHandler = fn),
      setDevicePermissionHandler: (fn: never) => (deviceHandler = fn),
      webRequest: { onBeforeRequest: (fn: never) => (beforeRequest = fn) },
    } as never);
    const granted = vi.fn();
    for (const perm of ['media', 'geolocation', 'notifications', 'clipboard-read']) requestHandler!(null, perm, granted);
    expect(granted.mock.calls.every(([ok]) => ok === false)).toBe(true);
    expect(checkHandler!()).toBe(false);
    expect(deviceHandler!()).toBe(false);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('app://portcullis/assets/index.js')).toBe(false);
    expect(decide('https://fonts.example.com/x.woff2')).toBe(true);
    expect(decide('http://127.0.0.1:8080/')).toBe(true);
  });
});

describe('IPC', () => {
  it('checks the sender frame of every call', async () => {
    let handler: ((event: unknown, method: unknown, input: unknown) => Promise<unknown>) | undefined;
    const router = { call: vi.fn(async () => ({ ok: true, result: 'answered' })) } as unknown as Router;
    registerIpc({ handle: (channel: string, fn: never) => channel === INVOKE_CHANNEL && (handler = fn) } as never, router, new EventBus(), () => []);
    const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });
    expect(await handler!(frame('app://portcullis/index.html'), 'app.info', {})).toEqual({ ok: true, result: 'answered' });
    expect(await handler!(frame('https://evil.example/'), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'API_FORBIDDEN' } });
    expect(await handler!(frame('app://portcullis/index.html', { url: 'x' }), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'API_FORBIDDEN' } });
    expect(await handler!({ senderFrame: null }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'API_FORBIDDEN' } });
    expect(router.call).toHaveBeenCalledTimes(1);
  });

  it('trusts only the app origin', () => {
    expect(isTrustedSender({ url: 'app://portcullis/', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://portcullis.evil/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///index.html', parent: null })).toBe(false);
  });

  it('forwards core events to every window', () => {
    const events = new EventBus();
    const send = vi.fn();
    registerIpc({ handle: () => undefined } as never, {} as Router, events, () => [{ isDestroyed: () => false, webContents: { send } } as never]);
    events.emit('data.changed', { tables: ['shipment'] });
    expect(send).toHaveBeenCalledWith('portcullis:event', { event: 'data.changed', payload: { tables: ['shipment'] } });
  });
});

describe('app:// protocol', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pc-proto-'));
  writeFileSync(join(dir, 'index.html'), '<title>x</title>');
  const handle = appProtocolHandler(dir);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('serves the renderer with its CSP', async () => {
    const r = await handle(new Request('app://portcullis/index.html'));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
  it('refuses paths outside the renderer and other hosts', async () => {
    expect((await handle(new Request('app://portcullis/..%2F..%2Fetc%2Fpasswd'))).status).toBe(404);
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
  });
});

describe('menu and keychain', () => {
  it('sends lock and palette commands from the menu', () => {
    const send = vi.fn();
    const file = menuTemplate(send, 'linux')[0]!;
    const items = file.submenu as { label?: string; click?: () => void; accelerator?: string }[];
    items.find((i) => i.label === 'Lock Workspace')!.click!();
    items.find((i) => i.label === 'Command Palette…')!.click!();
    expect(send.mock.calls).toEqual([['lock'], ['palette']]);
    expect(items.find((i) => i.label === 'Lock Workspace')!.accelerator).toBe('CmdOrCtrl+L');
  });
  it('refuses the keychain where Linux offers only plain text', () => {
    expect(keychainUsable({ isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'basic_text' }, 'linux')).toBe(false);
    expect(keychainUsable({ isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'gnome_libsecret' }, 'linux')).toBe(true);
    expect(keychainUsable({ isEncryptionAvailable: () => false }, 'darwin')).toBe(false);
    expect(keychainUsable({ isEncryptionAvailable: () => true }, 'win32')).toBe(true);
  });
});
