import type { CorpusDocument } from '../../../fixtures/corpus/index.ts';
import type { ValidationReport } from '../../../pipeline/report/report-types.ts';
import type { TargetSchema } from '../../../schema/table-schema.ts';
import { clientRegistrationKey, createClientRegistry, type ClientRegistrationKey } from '../../../transforms/client-registry.ts';
import { DIRTY_CASES, expectedOutcome, type DirtyCase } from '../../../transforms/dirty-data-policy.ts';
import { asSourceDocument } from './corpus-file.ts';

/** Seeded cases the validator itself must point at (the policy migrates them without a finding). */
const VALIDATOR_FINDINGS: Partial<Record<DirtyCase, string>> = {
  'dirty.job_dangling_session': 'dangling_job_session',
  'dirty.job_dangling_client': 'dangling_job_client',
  'dirty.big_integer': 'big_integer_kept_exact',
  'dirty.float_one_point_zero': 'float_kept_exact',
};

export interface CaseCheck {
  /** Documents checked per dirty case. */
  checked: Partial<Record<DirtyCase, number>>;
  /** One line per document whose report entry disagrees with the policy. */
  mismatches: string[];
}

/**
 * Checks a validation report (with unlimited samples) against the dirty-data policy, document by
 * document: a document whose cases expect a rejection must be reported rejected with one of those
 * reasons (or any reason when it also copies dirty action entries); any other labelled document must not be rejected and must appear under every finding
 * its cases expect (transform findings, and the validator's own for dangling references and exact
 * numbers). Unlabelled documents must not be rejected unless they copy dirty entries.
 */
export function checkCases(documents: readonly CorpusDocument[], report: ValidationReport, schema: TargetSchema): CaseCheck {
  const rejected = new Map<string, string>();
  for (const reason of report.rejectReasons) for (const sample of reason.samples) rejected.set(sample.docId, reason.reason);
  const findings = new Map<string, Set<string>>();
  for (const finding of report.findings) findings.set(finding.code, new Set(finding.samples.map((s) => s.docId)));
  const keys = documents.filter((d) => d.entity === 'clients').map((d) => clientRegistrationKey(asSourceDocument(d))).filter((k): k is ClientRegistrationKey => k !== null);
  const clientRegistry = createClientRegistry(keys);

  const checked: Partial<Record<DirtyCase, number>> = {};
  const mismatches: string[] = [];
  for (const corpusDoc of documents) {
    const doc = asSourceDocument(corpusDoc);
    const cases = corpusDoc.cases.filter((c): c is DirtyCase => (DIRTY_CASES as readonly string[]).includes(c));
    const expected = cases.map((code) => ({ code, outcome: expectedOutcome(code, { schema, entity: corpusDoc.entity, actionCatalog: true, doc, clientRegistry }) }));
    const reasons: string[] = expected.flatMap((e) => (e.outcome.outcome === 'rejected' ? [e.outcome.reason] : []));
    const actual = rejected.get(doc.id);
    const where = `${corpusDoc.entity} ${doc.id} [${cases.join(', ')}${corpusDoc.copiedCases.length > 0 ? `; copied ${corpusDoc.copiedCases.join(', ')}` : ''}]`;
    for (const code of cases) checked[code] = (checked[code] ?? 0) + 1;
    if (reasons.length > 0) {
      // A dirty copy inside job_actions (B head rebuilds action rows from it) may be refused first.
      const copied = actual !== undefined && corpusDoc.copiedCases.length > 0;
      if (actual === undefined || (!reasons.includes(actual) && !copied)) mismatches.push(`${where}: expected rejected (${reasons.join(' or ')}), report says ${actual ?? 'migrated'}`);
      continue;
    }
    if (actual !== undefined) {
      if (corpusDoc.copiedCases.length === 0) mismatches.push(`${where}: expected migrated, report says rejected ${actual}`);
      continue;
    }
    for (const { code, outcome } of expected) {
      // Both cases sit on job_actions[0]: an entry whose action has no name has no catalogued action to diverge from.
      if (code === 'dirty.job_entry_diverged' && cases.includes('dirty.job_entry_without_action_name')) continue;
      const wanted: string[] = outcome.outcome === 'migrated' && outcome.finding !== undefined ? (typeof outcome.finding === 'string' ? [outcome.finding] : [...outcome.finding]) : [];
      const validator = VALIDATOR_FINDINGS[code];
      if (validator !== undefined) wanted.push(validator);
      if (wanted.length > 0 && !wanted.some((f) => findings.get(f)?.has(doc.id))) mismatches.push(`${where}: ${code} expects finding ${wanted.join(' or ')}, not reported`);
    }
  }
  return { checked, mismatches };
}
