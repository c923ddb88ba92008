#!/usr/bin/env -S node --min-semi-space-size=8 --max-semi-space-size=8
import { applyHeapSettings } from './heap-settings.ts';
import { main } from './main.ts';

applyHeapSettings();

const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), isTTY: process.stderr.isTTY === true, signals: process, exit: (code: number) => process.exit(code) };
process.exit(await main(process.argv.slice(2), io));
