/** Entry of `scripts/corpus` (the bash wrapper runs this with the project's Node 24). */
import { runCorpusCli } from '../fixtures/corpus/corpus-cli.ts';

process.exitCode = await runCorpusCli(process.argv.slice(2));
