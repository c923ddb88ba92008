import { LayoutConflictError, UnknownLayoutError } from '../schema-errors.ts';
import {
  LAYOUT_A_HEAD,
  LAYOUT_B_HEAD,
  LAYOUT_B_RELEASED_HEAD,
  LAYOUT_B_REVISIONS,
  describeRevision,
  sameRevision,
  type LayoutRevision,
} from './freezer-revisions.ts';

/** The schema the operator asked for, with how they named it (for messages). */
export interface LayoutChoice extends LayoutRevision {
  /** `--freezer-release 13`, `--layout b@23c8ad2655a6`, … */
  label: string;
}

/** Options as the CLI receives them (`--layout`, `--freezer-release`). */
export interface LayoutChoiceInput {
  layout?: string;
  freezerRelease?: string;
}

const NEWEST_RELEASE = 18;
const LAYOUT_HINT = 'use --layout a, --layout b or --layout b@<alembic revision>';
const RELEASE_HINT = `use a freezer-api release such as 13, 15.0.0, ${NEWEST_RELEASE} or head`;

function releaseTarget(major: number): LayoutRevision | string {
  if (major < 7) return `freezer-api ${major}.x has no SQL schema (its SQL backend arrived in 7.0.0); es2sql writes the schemas of 8.0.0 and later: ${RELEASE_HINT}`;
  if (major === 7) return 'freezer-api 7.x uses sqlalchemy-migrate version 1–2 (actions.mode, actions.src_file), which es2sql does not create; upgrade freezer-api to 8.0.0 or later, or target --freezer-release 13';
  if (major <= 15) return LAYOUT_A_HEAD;
  if (major <= NEWEST_RELEASE) return LAYOUT_B_RELEASED_HEAD;
  return `freezer-api ${major} is newer than es2sql knows (releases up to ${NEWEST_RELEASE}.0.0 and the current head); use --freezer-release head if it runs the current alembic head, or upgrade es2sql`;
}

function parseRelease(text: string): LayoutChoice {
  const label = `--freezer-release ${text}`;
  const value = text.trim().toLowerCase();
  if (value === 'head' || value === 'master') return { ...LAYOUT_B_HEAD, label };
  const match = /^(\d+)(?:\.\d+){0,2}(?:[-~+].*)?$/.exec(value);
  if (!match?.[1]) throw new UnknownLayoutError(`unknown freezer-api release "${text}"; ${RELEASE_HINT}`);
  const target = releaseTarget(Number(match[1]));
  if (typeof target === 'string') throw new UnknownLayoutError(target);
  return { ...target, label };
}

function parseLayout(text: string): LayoutChoice {
  const label = `--layout ${text}`;
  const [name = '', revision, extra] = text.trim().toLowerCase().split('@');
  if (extra !== undefined) throw new UnknownLayoutError(`unknown layout "${text}"; ${LAYOUT_HINT}`);
  if (name === 'a') {
    if (revision === undefined || revision === '3') return { ...LAYOUT_A_HEAD, label };
    throw new UnknownLayoutError(`layout A at sqlalchemy-migrate version ${revision} is not a target es2sql creates (only version 3, as freezer-api 8.0.0 … 15.0.0 expect); use --layout a`);
  }
  if (name === 'b') {
    if (revision === undefined || revision === 'head') return { ...LAYOUT_B_HEAD, label };
    if ((LAYOUT_B_REVISIONS as readonly string[]).includes(revision)) return { layout: 'B', revision, label };
    throw new UnknownLayoutError(`"${revision}" is not a freezer-api alembic revision es2sql knows (${LAYOUT_B_REVISIONS.join(', ')}); ${LAYOUT_HINT}`);
  }
  throw new UnknownLayoutError(`unknown layout "${text}"; ${LAYOUT_HINT}, or name the release with --freezer-release`);
}

/**
 * Reads the operator's target choice. Releases 8–15 mean layout A (sqlalchemy-migrate version 3),
 * 16/17/18 layout B at `23c8ad2655a6`, `head` layout B at the current alembic head; `--layout a`,
 * `--layout b` (= head) and `--layout b@<revision>` name the layout directly. Returns undefined when
 * neither option is given (the caller then uses the existing database's layout or the default).
 *
 * @throws UnknownLayoutError for values es2sql does not know or cannot create (7.x and older).
 * @throws LayoutConflictError when both options are given and name different schemas.
 */
export function parseLayoutChoice(input: LayoutChoiceInput): LayoutChoice | undefined {
  const layout = input.layout?.trim() ? parseLayout(input.layout) : undefined;
  const release = input.freezerRelease?.trim() ? parseRelease(input.freezerRelease) : undefined;
  if (layout && release && !sameRevision(layout, release)) {
    throw new LayoutConflictError(
      `${layout.label} means ${describeRevision(layout)} but ${release.label} means ${describeRevision(release)}; give only one of them`,
    );
  }
  return release ?? layout;
}
