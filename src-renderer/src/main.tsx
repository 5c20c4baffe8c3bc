// Entry point of the task board: picks the transport for this host and mounts the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { createApiClient } from './api/client';
import { ApiProvider } from './api/api-context';
import './styles/base.css';
import './styles/board.css';
import './styles/board-columns.css';
import './styles/palette.css';
import './styles/graph.css';
import './styles/task-form.css';
import './styles/runs.css';
import './styles/shell.css';
import './styles/pages.css';
import './styles/activity.css';
import './styles/feedback.css';
import './styles/memory.css';
import './styles/theme.css';
import { applyStoredTheme } from './shell/theme';
import { installUnsavedChangesGate } from './lib/unsaved-changes';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

applyStoredTheme();
installUnsavedChangesGate();
const api = createApiClient();

createRoot(root).render(
  <StrictMode>
    <ApiProvider client={api}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
