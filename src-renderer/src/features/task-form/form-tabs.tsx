// The tabs of an existing task's form: the task itself, its runs, and what its runs remember.
export type FormTab = 'task' | 'runs' | 'memory';

const tabs: { id: FormTab; label: string }[] = [
  { id: 'task', label: 'Task' },
  { id: 'runs', label: 'Runs' },
  { id: 'memory', label: 'Progress & context' },
];

export function FormTabs({ tab, onChange }: { tab: FormTab; onChange(tab: FormTab): void }) {
  return (
    <div className="form-tabs" role="tablist" aria-label="Task sections">
      {tabs.map((t) => (
        <button
          key={t.id}
          id={`task-tab-${t.id}-label`}
          type="button"
          role="tab"
          className="form-tab"
          aria-selected={tab === t.id}
          aria-controls={`task-tab-${t.id}`}
          tabIndex={tab === t.id ? 0 : -1}
          onClick={() => onChange(t.id)}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
            const next = tabs[(tabs.findIndex((x) => x.id === tab) + 1) % tabs.length];
            if (next) onChange(next.id);
            e.currentTarget.parentElement?.querySelector<HTMLElement>(`#task-tab-${next?.id}-label`)?.focus();
          }}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
