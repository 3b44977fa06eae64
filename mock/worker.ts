/**
 * The reference mock in a worker thread, so that a run against the embedded mock does not share
 * its thread with the mock's handlers and HTTP server: the thread's side. The thread runs a module
 * that calls {@link serveInWorker} (the CLI's bundle of `mock/worker-entry.ts`); it can be started
 * early, while the CLI loads, since it waits for its options. The host's side is
 * mock/worker-host.ts: its options, the mock's profile once it listens, and key provisioning.
 */
import { parentPort } from 'node:worker_threads';
import type { MockProfile, ProvisionInput } from './admin.ts';
import { startMock } from './serve.ts';

/** What the mock is started with: the options of {@link startMock} that can cross a thread. */
export interface MockWorkerOptions {
  seed: number;
  scale: number;
}

/** What the host tells the thread. */
export type ToWorker = { type: 'start'; options: MockWorkerOptions } | { type: 'provision'; keys: ProvisionInput[] };
/** What the thread answers. */
export type FromWorker =
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
