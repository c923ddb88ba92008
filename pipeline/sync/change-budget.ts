/**
 * How many more changes a run may apply (`--max-count`), shared by every partition and by upserts
 * and deletes, so a run stops after N changes wherever they fall.
 */
export interface ChangeBudget {
  left(): number;
  spend(n: number): void;
}

export function changeBudget(maxCount: number | undefined): ChangeBudget {
  let left = maxCount ?? Infinity;
  return {
    left: () => left,
    spend: (n) => {
      left = Math.max(0, left - n);
    },
  };
}
