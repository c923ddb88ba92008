/**
 * The bin bundle's `worker-preload.js` (cli/bin-bundle.ts): a batch worker thread of the bundled
 * bin imports it first, so a mapping module imported there reaches the bundle's library as `es2sql`,
 * as it does in the main thread. Only meaningful as that entry, whose URL is the bundle's directory.
 */
import { mapPackageToBundle } from './bin-bundle.ts';

mapPackageToBundle(new URL('./', import.meta.url));
