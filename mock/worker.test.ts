/** The mock in a worker thread: started by message, provisioned, closed, and a thread that fails. */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { startMockWorker } from './worker-host.ts';

const TSX = import.meta.resolve('tsx/esm/api');
const ENTRY = new URL('./worker-entry.ts', import.meta.url).href;
/** A thread running the worker entry through tsx (the CLI runs its bundle instead). */
const thread = () =>
  new Worker(new URL(`data:text/javascript,import { register } from '${TSX}'; register(); await import('${ENTRY}');`));

const get = (url: string, secret: string) => fetch(url, { headers: { authorization: `ApiKey ${secret}` } });

describe('the mock in a worker thread', () => {
  it('serves the seeded data, takes new keys, and ends its thread when closed', async () => {
    const w = thread();
    const mock = await startMockWorker(w, { seed: 1, scale: 1 });
    try {
      expect(mock.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
      expect(mock.profile.base_url).toBe(mock.baseUrl);
      const full = mock.profile.keys.find((k) => k.permissions.some((p) => p.scope === 'LIST_ACCOUNTS' && !k.revoked))!;
      const listed = await get(`${mock.baseUrl}/accounts`, full.secret);
      expect(listed.status).toBe(200);
      const org = full.org;
      const [made] = await mock.provisionKeys([
        { id: 'worker-test-key', org, permissions: [{ scope: 'LIST_ACCOUNTS' }] },
      ]);
      expect(made!.id).toBe('worker-test-key');
      expect((await get(`${mock.baseUrl}/accounts`, made!.secret)).status).toBe(200);
      expect((await get(`${mock.baseUrl}/accounts`, `${made!.secret}x`)).status).toBe(401);
      await expect(mock.provisionKeys([{ id: 'bad key id', org, permissions: [] }])).rejects.toThrow(
        /the embedded mock: id must be/,
      );
      // A refused key leaves the channel usable.
      expect(await mock.provisionKeys([])).toEqual([]);
      // One message at a time: a second sent before the first is answered is refused, not mis-paired.
      const one = mock.provisionKeys([{ id: 'worker-test-key-2', org, permissions: [{ scope: 'LIST_ACCOUNTS' }] }]);
      await expect(mock.provisionKeys([])).rejects.toThrow(/still answering; provision must wait/);
      expect((await one).map((k) => k.id)).toEqual(['worker-test-key-2']);
    } finally {
      await mock.close();
    }
    expect(w.threadId).toBe(-1);
    // Ended by close: not a failure.
    expect(mock.failure()).toBeUndefined();
    await expect(get(`${mock.baseUrl}/accounts`, 'x')).rejects.toThrow();
    await mock.close();
  });

  it('rejects at start when the thread fails, naming it the embedded mock', async () => {
    const broken = new URL('data:text/javascript,throw new Error("no mock here")');
    await expect(startMockWorker(new Worker(broken), { seed: 1, scale: 1 })).rejects.toThrow(
      /the embedded mock's thread failed: no mock here/,
    );
    const silent = new URL('data:text/javascript,process.exit(3)');
    await expect(startMockWorker(new Worker(silent), { seed: 1, scale: 1 })).rejects.toThrow(
      /the embedded mock's thread ended \(exit 3\)/,
    );
  });
});
