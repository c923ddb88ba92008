const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text safe inside HTML element content and quoted attribute values. Control characters (from ids
 * and values in the data) are shown as `\uXXXX`, as the CLI shows them, so the page's source is
 * also safe to print on a terminal.
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) => ENTITIES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A count as people read it (`12,345`). */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** A duration in a unit that reads well (`850 ms`, `12.4 s`, `3 min 05 s`). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** Bytes in MiB with one decimal. */
export function formatBytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
