/**
 * Awaits a CREATE (an index, mostly) and ignores the error a database gives when the object exists
 * already: for statements that cannot say IF NOT EXISTS on every dialect (MySQL's CREATE INDEX).
 */
export async function ignoreExisting(promise: Promise<unknown>): Promise<void> {
  try {
    await promise;
  } catch (error) {
    if (!/exist|duplicate/i.test((error as Error).message)) throw error;
  }
}
