// What a person judges on an approval card, each in the form that reads best: a draft as text, a
// structured answer as a document (headings for keys, lists for lists), a diff as a highlighted diff,
// and the verifier's verdict with its confidence and issues.
import type { Approval, ApprovalSubject } from '../../api/contract-types';
import { DiffView } from './diff-view';
import { fieldLabel } from './schema-form';

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function Scalar({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">none</span>;
  if (typeof value === 'boolean') return <>{value ? 'Yes' : 'No'}</>;
  return <>{String(value)}</>;
}

/** A JSON value as a document: an object's keys as terms, arrays as lists, nested to any depth. */
export function ReadableDocument({ value }: { value: unknown }) {
  const object = record(value);
  if (object) {
    return (
      <dl className="readable-document">
        {Object.entries(object).map(([key, item]) => (
          <div key={key} className="readable-entry">
            <dt>{fieldLabel(key, {})}</dt>
            <dd>
              <ReadableDocument value={item} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    return (
      <ul className="readable-list">
        {value.map((item, n) => (
          <li key={n}>
            <ReadableDocument value={item} />
          </li>
        ))}
      </ul>
    );
  }
  return <Scalar value={value} />;
}

function parsed(content: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(content) as unknown };
  } catch {
    // Shortened or not JSON: shown as it is.
    return { ok: false };
  }
}

export function SubjectView({ subject }: { subject: ApprovalSubject }) {
  const heading = `Judging ${subject.title}${subject.truncated ? ' (shortened)' : ''}`;
  if (subject.kind === 'diff') {
    return (
      <section className="approval-subject" aria-label={heading}>
        <h4 className="approval-section-title">{heading}</h4>
        <DiffView text={subject.content} title={subject.title} />
      </section>
    );
  }
  const doc = subject.kind === 'output' ? parsed(subject.content) : { ok: false as const };
  return (
    <section className="approval-subject" aria-label={heading}>
      <h4 className="approval-section-title">{heading}</h4>
      {doc.ok ? (
        <ReadableDocument value={doc.value} />
      ) : (
        <div className="approval-draft" tabIndex={0} role="region" aria-label={subject.title}>
          {subject.content}
        </div>
      )}
    </section>
  );
}

interface Verdict {
  pass: boolean;
  confidence: number | null;
  issues: string[];
}

/** The verdict of a halted verifier step, when the approval has one. */
export function verdictOf(approval: Approval): Verdict | null {
  if (approval.step?.role !== 'verifier') return null;
  const object = record(record(approval.output)?.object);
  if (!object || typeof object.pass !== 'boolean') return null;
  return {
    pass: object.pass,
    confidence: typeof object.confidence === 'number' ? object.confidence : null,
    issues: Array.isArray(object.issues) ? object.issues.map(String) : [],
  };
}

const percent = (n: number) => `${Math.round(n * 100)}%`;

export function VerdictView({ approval }: { approval: Approval }) {
  const verdict = verdictOf(approval);
  if (!verdict) return null;
  const needed = approval.signals.map((s) => s.details?.minConfidence).find((n): n is number => typeof n === 'number');
  return (
    <section className="approval-verdict" aria-label="Verifier's verdict" data-testid="approval-verdict">
      <h4 className="approval-section-title">Verifier&apos;s verdict</h4>
      <p>
        <strong className={verdict.pass ? 'verdict-pass' : 'verdict-fail'}>
          {verdict.pass ? 'Passes' : 'Does not pass'}
        </strong>
        {verdict.confidence !== null && (
          <>
            {' '}
            with {percent(verdict.confidence)} confidence
            {needed !== undefined && ` (needs ${percent(needed)})`}
          </>
        )}
      </p>
      {verdict.issues.length > 0 ? (
        <ul className="approval-issues" aria-label="Issues the verifier found">
          {verdict.issues.map((issue, n) => (
            <li key={n}>{issue}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">No issues listed.</p>
      )}
    </section>
  );
}
