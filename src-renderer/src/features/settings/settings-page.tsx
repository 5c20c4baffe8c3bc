// The Settings page: one section per group of settings, each saved on its own, and the secrets.
import { useEffect } from 'react';
import { ProjectsSection } from '../projects/projects-section';
import { BudgetsSection } from './budgets-section';
import { GeneralSection } from './general-section';
import { FileRootsSection, McpServersSection } from './lists-section';
import { McpImportSection } from './mcp-import-section';
import { NotificationsSection } from './notifications-section';
import { ProvidersSection } from './providers-section';
import { SecretsSection } from './secrets-section';
import { useSettings } from './use-settings';
import { WakeSection } from './wake-section';
import './settings.css';

/** `section` (from the address, `#/settings?section=secrets`) is scrolled to and focused once loaded. */
export function SettingsPage({ section }: { section?: string | null }) {
  const settings = useSettings();
  const loaded = settings.status === 'done';
  useEffect(() => {
    if (!loaded || !section) return;
    const heading = document.getElementById(`${section}-title`);
    if (!heading) return;
    heading.setAttribute('tabindex', '-1');
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  }, [loaded, section]);
  return (
    <>
      <h2 className="page-title">Settings</h2>
      <div className="settings-main">
        {settings.status === 'loading' && <p className="board-loading">Loading settings…</p>}
        {settings.status === 'failed' && (
          <div className="banner banner-error" role="alert">
            Could not load settings: {settings.error.message}
          </div>
        )}
        {settings.status === 'done' && (
          <>
            <GeneralSection settings={settings.value} />
            <WakeSection />
            <NotificationsSection settings={settings.value} />
            <BudgetsSection settings={settings.value} />
            <ProjectsSection />
            <ProvidersSection settings={settings.value} />
            <SecretsSection />
            <McpImportSection servers={settings.value.mcpServers} />
            {/* Keyed on the list, so servers added by import or by hand show in the JSON at once. */}
            <McpServersSection key={JSON.stringify(settings.value.mcpServers)} settings={settings.value} />
            <FileRootsSection settings={settings.value} />
          </>
        )}
      </div>
    </>
  );
}
