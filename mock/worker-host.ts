/**
 * The host's side of the mock in a worker thread (mock/worker.ts runs in the thread). It loads no
 * mock code itself: a run that serves the mock from a thread does not also load it into its own.
 */
import type { Worker } from 'node:worker_threads';
import type { MockProfile, ProvisionInput } from './admin.ts';
import type { FromWorker, MockWorkerOptions, ToWorker } from './worker.ts';

/** The host's handle on a mock running in a worker thread. */
export interface MockWorker {
  baseUrl: string;
  /** The profile of the mock's default keys, secrets included. */
  profile: MockProfile;
  /** Adds keys, in order; rejects with the mock's message when one is refused. */
  provisionKeys(keys: ProvisionInput[]): Promise<Array<{ id: string; secret: string }>>;
  /** Ends the thread, and the mock with it: its server and connections go with the thread. */
  close(): Promise<void>;
  /** Why the thread failed or ended before {@link MockWorker.close}, if it did: what a run that lost its target can say. */
  failure(): string | undefined;
}

/**
 * Starts the mock in `worker`, a thread running a module that calls {@link serveInWorker}, and
 * resolves once it listens. The thread is the handle's from then on: closing ends it.
 */
export function startMockWorker(worker: Worker, opts: MockWorkerOptions): Promise<MockWorker> {
  if (worker.threadId === -1) return Promise.reject(new Error("the embedded mock's thread had already ended"));
  let pending: { ok: (m: FromWorker) => void; ko: (e: Error) => void } | undefined;
  let failure: Error | undefined;
  let closing: Promise<void> | undefined;
  const fail = (e: Error) => {
    // The thread ending because it was closed is no failure.
    if (closing) return;
    failure ??= e;
    pending?.ko(e);
    pending = undefined;
  };
  worker.on('error', (e) => fail(new Error(`the embedded mock's thread failed: ${e.message}`)));
  worker.on('exit', (code) => fail(new Error(`the embedded mock's thread ended (exit ${code})`)));
  worker.on('message', (m: FromWorker) => {
    const p = pending;
    pending = undefined;
    if (m.type === 'error') p?.ko(new Error(`the embedded mock: ${m.message}`));
    else p?.ok(m);
  });
  // One message at a time: the thread answers in order, and each answer settles the one pending.
  const next = (message: ToWorker) =>
    new Promise<FromWorker>((ok, ko) => {
      if (failure) return ko(failure);
      if (pending) return ko(new Error(`the embedded mock is still answering; ${message.type} must wait`));
      pending = { ok, ko };
      worker.postMessage(message);
    });
  const close = () => (closing ??= worker.terminate().then(() => undefined));
  const started = next({ type: 'start', options: opts }).then((ready): MockWorker => {
    if (ready.type !== 'ready') throw new Error(`the embedded mock answered ${ready.type} at start`);
    return {
      baseUrl: ready.baseUrl,
      profile: ready.profile,
      async provisionKeys(keys) {
        const m = await next({ type: 'provision', keys });
        if (m.type !== 'provisioned') throw new Error(`the embedded mock answered ${m.type} to provisioning`);
        return m.keys;
      },
      close,
      failure: () => failure?.message,
    };
  });
  return started.catch(async (e: unknown) => {
    await close();
    throw e;
  });
}
