/**
 * The reference mock in a worker thread, so that a run against the embedded mock does not share
 * its thread with the mock's handlers and HTTP server. The thread runs a module that calls
 * {@link serveInWorker} (the CLI's bundle of `mock/worker-entry.ts`); it can be started early, while
 * the CLI loads, since it waits for its options. {@link startMockWorker} then talks to it by
 * messages: its options, its profile once it listens, and key provisioning; closing ends the thread.
 */
import { parentPort, type Worker } from 'node:worker_threads';
import type { MockProfile, ProvisionInput } from './admin.ts';
import { startMock } from './serve.ts';

/** What the mock is started with: the options of {@link startMock} that can cross a thread. */
export interface MockWorkerOptions {
  seed: number;
  scale: number;
}

/** The host's handle on a mock running in a worker thread. */
export interface MockWorker {
  baseUrl: string;
  /** The profile of the mock's default keys, secrets included. */
  profile: MockProfile;
  /** Adds keys, in order; rejects with the mock's message when one is refused. */
  provisionKeys(keys: ProvisionInput[]): Promise<Array<{ id: string; secret: string }>>;
  /** Ends the thread, and the mock with it: its server and connections go with the thread. */
  close(): Promise<void>;
}

type ToWorker = { type: 'start'; options: MockWorkerOptions } | { type: 'provision'; keys: ProvisionInput[] };
type FromWorker =
  | { type: 'ready'; baseUrl: string; profile: MockProfile }
  | { type: 'provisioned'; keys: Array<{ id: string; secret: string }> }
  | { type: 'error'; message: string };

/** The worker's side: starts the mock when told its options, and answers the host's messages. Call it from the worker's entry module. */
export async function serveInWorker(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveInWorker runs in a worker thread');
  const send = (m: FromWorker) => port.postMessage(m);
  const start = await new Promise<ToWorker>((ok) => port.once('message', ok));
  if (start.type !== 'start') {
    send({ type: 'error', message: `told ${start.type} before start` });
    port.close();
    return;
  }
  let mock;
  try {
    mock = await startMock({ port: 0, seed: start.options.seed, scale: start.options.scale });
  } catch (e) {
    send({ type: 'error', message: (e as Error).message });
    port.close();
    return;
  }
  const running = mock;
  send({ type: 'ready', baseUrl: running.baseUrl, profile: running.profile });
  port.on('message', (m: ToWorker) => {
    if (m.type !== 'provision') {
      send({ type: 'error', message: `told ${m.type} twice` });
      return;
    }
    try {
      send({ type: 'provisioned', keys: m.keys.map((k) => running.admin.provisionKey(k)) });
    } catch (e) {
      send({ type: 'error', message: (e as Error).message });
    }
  });
}

/**
 * Starts the mock in `worker`, a thread running a module that calls {@link serveInWorker}, and
 * resolves once it listens. The thread is the handle's from then on: closing ends it.
 */
export function startMockWorker(worker: Worker, opts: MockWorkerOptions): Promise<MockWorker> {
  let pending: { ok: (m: FromWorker) => void; ko: (e: Error) => void } | undefined;
  let failure: Error | undefined;
  const fail = (e: Error) => {
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
  const next = (message?: ToWorker) =>
    new Promise<FromWorker>((ok, ko) => {
      if (failure) return ko(failure);
      pending = { ok, ko };
      if (message) worker.postMessage(message);
    });
  let closing: Promise<void> | undefined;
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
    };
  });
  return started.catch(async (e: unknown) => {
    await close();
    throw e;
  });
}
