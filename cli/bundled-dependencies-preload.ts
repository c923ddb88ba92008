/**
 * Imported first by a batch worker thread of the bin (bundledDependenciesPreload →
 * MigrateOptions.workerPreload): points that thread's imports at the bundled dependencies too.
 */
import { useBundledDependencies } from './bundled-dependencies.ts';

useBundledDependencies();
