/**
 * Runs the library's `migrate` in its own process (so a test can kill -9 it at any moment):
 *   node test/helpers/migrate-child.ts '<MigrateOptions as JSON>'
 * Prints the result's stats as JSON on stdout; exit 0 done, 3 done with rejects, 2 error.
 */
import { migrate, type MigrateOptions } from '../../pipeline/run/migrate.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as MigrateOptions & { migrationTime?: string };
const result = await migrate({ ...options, migrationTime: options.migrationTime ? new Date(options.migrationTime) : undefined });
process.stdout.write(JSON.stringify(result.stats) + '\n');
if (result.error) {
  process.stderr.write(`${result.error.message}\n`);
  process.exit(2);
}
process.exit(result.stats.rejected > 0 ? 3 : 0);
