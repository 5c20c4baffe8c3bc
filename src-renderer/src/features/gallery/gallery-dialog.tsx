// The templates gallery: every bundled template with what it needs, each installable as a task.
import { useState } from 'react';
import { useCall } from '../../api/use-call';
import type { Task } from '../../api/contract-types';
import { Dialog } from '../../components/dialog';
import { TemplateCard } from './template-card';
import './gallery.css';

interface GalleryDialogProps {
  onInstalled(task: Task): void;
  onClose(): void;
}

export function GalleryDialog({ onInstalled, onClose }: GalleryDialogProps) {
  const templates = useCall('templates.list', {});
  const projects = useCall('projects.list', {});
  const [projectId, setProjectId] = useState<string | null>(null);
  return (
    <Dialog title="Templates" onClose={onClose}>
      <div className="gallery">
        <p className="muted">Ready-made tasks. Install one, then adjust it like any other task.</p>
        <label className="gallery-project">
          <span>Install into project</span>
          <select value={projectId ?? ''} onChange={(event) => setProjectId(event.target.value || null)}>
            <option value="">No project</option>
            {projects.status === 'done' &&
              projects.value.map((project) => (
                <option key={project.id} value={project.id}>
                  {project.name}
                </option>
              ))}
          </select>
        </label>
        {templates.status === 'loading' && <p aria-busy="true">Loading templates…</p>}
        {templates.status === 'failed' && (
          <p className="form-error" role="alert">
            Could not load the templates: {templates.error.message}
          </p>
        )}
        {templates.status === 'done' &&
          templates.value.map((template) => (
            <TemplateCard
              key={template.id}
              template={template}
              projectId={projectId}
              onInstalled={onInstalled}
              onNavigate={onClose}
            />
          ))}
      </div>
    </Dialog>
  );
}
