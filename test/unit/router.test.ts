import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methods } from '../../shared/api.ts';
import { createHandlers } from '../../electron/api.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';

describe('router', () => {
  let t: TestCore;
  beforeEach(() => (t = testCore()));
  afterEach(() => t.dispose());

  it('has a handler for every method of the contract', () => {
    expect(Object.keys(createHandlers(t.core)).sort()).toEqual(Object.keys(methods).sort());
  });

  it('refuses unknown methods', async () => {
    expect(await t.router.call('workspace.dropEverything', {})).toMatchObject({ ok: false, error: { code: 'API_UNKNOWN_METHOD' } });
    expect(await t.router.call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'API_UNKNOWN_METHOD' } });
    expect(await t.router.call(42, {})).toMatchObject({ ok: false, error: { code: 'API_UNKNOWN_METHOD' } });
  });

  it('refuses invalid input before any handler runs', async () => {
    const r = await t.router.call('identifiers.validate', { kind: 'iban', value: 'X' });
    expect(r).toMatchObject({ ok: false, error: { code: 'API_INVALID_INPUT', message: expect.stringContaining('kind') } });
    expect(await t.router.call('workspace.create', { dir: '/tmp/x', name: 'n', passphrase: PASSPHRASE, extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'API_INVALID_INPUT' },
    });
    expect(await t.router.call('workspace.create', 'not an object')).toMatchObject({ ok: false, error: { code: 'API_INVALID_INPUT' } });
  });

  it('refuses workspace methods while locked', async () => {
    expect(await t.router.call('records.stats', {})).toMatchObject({ ok: false, error: { code: 'WORKSPACE_LOCKED' } });
  });

  it('answers valid calls', async () => {
    expect(await t.router.call('identifiers.validate', { kind: 'container', value: 'CSQU3054383' })).toEqual({
      ok: true,
      result: { valid: true, normalized: 'CSQU3054383' },
    });
    await t.router.call('workspace.create', { dir: `${t.root}/ws`, name: 'ws', passphrase: PASSPHRASE });
    const stats = await t.router.call('records.stats', {});
    expect(stats).toEqual({
      ok: true,
      result: {
        shipments: 0,
        containers: 0,
        parties: 0,
        passengers: 0,
        crew: 0,
        events: 0,
        bookings: 0,
        conveyances: 0,
        itinerarySegments: 0,
        imports: 0,
        auditEntries: 1,
      },
    });
  });

  it('hides unexpected errors behind INTERNAL', async () => {
    const r = await t.router.call('workspace.unlock', { dir: '/proc/nonexistent-portcullis', passphrase: 'x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'WORKSPACE_NOT_FOUND' } });
  });
});
