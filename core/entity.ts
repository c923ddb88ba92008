/** The five Freezer document types, in the order their rows must be loaded (foreign-key safe). */
export const ENTITIES = ['clients', 'sessions', 'actions', 'jobs', 'backups'] as const;
export type Entity = (typeof ENTITIES)[number];

export function isEntity(value: string): value is Entity {
  return (ENTITIES as readonly string[]).includes(value);
}
