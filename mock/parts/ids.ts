/**
 * `ids` part: IDs of objects created at run time (transfers, executions). ULID-shaped with a
 * `01J` stamp (seed IDs use `01H`) and a counter, so they never repeat nor collide with seeds.
 */
import { createIdGenerator, createRng } from '../prng.ts';

/** Makes the ID generator of one store from the seed. */
export type IdsPart = (seed: number) => (prefix: string) => string;

/** Default run-time ID generator. */
export const ids: IdsPart = (seed) => createIdGenerator(createRng(seed ^ 0x1d5eed), '01J');
