/**
 * Runs `upgradeSchema` in a process of its own (the concurrency test needs two processes: node:sqlite
 * waits for locks synchronously). Usage: node upgrade-in-child.ts <database url> <layout>.
 * Prints the applied migration ids as JSON.
 */
import { openDatabase } from '../../../schema/connect.ts';
import { parseDatabaseUrl } from '../../../schema/database-url.ts';
import { parseLayoutChoice, upgradeSchema } from '../../../schema/index.ts';

const [url = '', layout = 'b'] = process.argv.slice(2);
const location = parseDatabaseUrl(url);
const db = openDatabase(location, { poolSize: 1 });
try {
  const result = await upgradeSchema(db, location.dialect, { choice: parseLayoutChoice({ layout }) });
  console.log(JSON.stringify({ applied: result.applied, handOffReady: result.handOffReady }));
} finally {
  await db.destroy();
}
