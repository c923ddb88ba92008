import { readFileSync } from 'node:fs';

/**
 * This process's peak resident set size in bytes: the kernel's high-water mark of its own memory
 * (`VmHWM` in /proc/self/status) where Linux shows it, worker threads included. `getrusage`'s
 * maxRSS is not that: across `execve` Linux keeps the larger of the old image's peak and the new
 * one's, so a process started by a larger one (a benchmark, a test runner, an orchestrator)
 * reports its parent's peak instead of its own (a 41 MB child of a 348 MB parent said 291 MB).
 */
export function peakRssBytes(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match !== null) return Number(match[1]) * 1024;
  } catch {
    // Not Linux: the rusage figure is the best there is.
  }
  return process.resourceUsage().maxRSS * 1024;
}
