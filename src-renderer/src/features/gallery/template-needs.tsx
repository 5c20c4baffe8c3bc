// What a template needs, as checked on this host for the chosen project: each need met or not, what
// was found, and for an unmet one how to meet it with a link to its place in Settings.
import type { CallState } from '../../api/use-call';
import type { TemplateNeed } from '../../api/contract-types';

export const needLabels: Record<TemplateNeed['kind'], string> = {
  secret: 'Secret',
  provider: 'LLM provider',
  cli: 'Program',
  project: 'Project',
  notifications: 'Notifications',
};

const sectionNames: Record<string, string> = {
  secrets: 'Secrets',
  providers: 'Providers',
  projects: 'Projects',
  notifications: 'Notifications',
};

const sectionOf = (hash: string): string =>
  sectionNames[new URLSearchParams(hash.split('?')[1]).get('section') ?? ''] ?? '';

interface TemplateNeedsProps {
  templateId: string;
  check: CallState<'templates.check'>;
  /** Called when a Settings link is followed, so the dialog gets out of the way. */
  onNavigate(): void;
}

export function TemplateNeeds({ templateId, check, onNavigate }: TemplateNeedsProps) {
  if (check.status === 'loading') return <p aria-busy="true">Checking what it needs…</p>;
  if (check.status === 'failed') {
    return (
      <p className="form-error" role="alert">
        Could not check what it needs: {check.error.message}
      </p>
    );
  }
  const { needs, ready } = check.value;
  return (
    <div className="template-needs" data-testid={`template-needs-${templateId}`}>
      <h4>Needs</h4>
      {needs.length === 0 ? (
        <p className="muted">Nothing: no LLM, no key.</p>
      ) : (
        <ul>
          {needs.map((need) => (
            <li key={`${need.kind}:${need.name}`} className={need.met ? 'need-met' : 'need-unmet'}>
              <span className="need-mark" aria-hidden="true">
                {need.met ? '✓' : '✗'}
              </span>
              <span>
                <strong>
                  {needLabels[need.kind]}: {need.name}
                </strong>{' '}
                <span className="visually-hidden">{need.met ? '(ready)' : '(missing)'}</span>
                <span className="muted">— {need.why}</span>
                <br />
                <span className="need-found">{need.found}.</span>
                {need.howTo && <span className="need-how"> {need.howTo}</span>}
                {need.settingsHash && (
                  <>
                    {' '}
                    <a href={need.settingsHash} onClick={onNavigate}>
                      Open Settings → {sectionOf(need.settingsHash)}
                    </a>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {!ready && (
        <p className="template-paused-note" role="note">
          You can install it now: it is created paused and says what it still needs until you resume it.
        </p>
      )}
    </div>
  );
}
