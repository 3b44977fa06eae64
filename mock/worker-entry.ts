/** Entry module of the embedded mock's worker thread (mock/worker.ts); the CLI bundles it beside cli/main.ts. */
import { serveInWorker } from './worker.ts';

await serveInWorker();
