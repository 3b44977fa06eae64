#!/usr/bin/env node
// Entry of the seqconform bin: loads the CLI from a cached bundle of its sources, or through tsx (cli/bundle.mjs).
import { loadMain } from './bundle.mjs';

const argv = process.argv.slice(2);
const main = await loadMain(argv);
process.exit(await main(argv));
