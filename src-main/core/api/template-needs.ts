// What a template needs, checked on this host: the needs its file declares joined with those its
// steps imply (an LLM step needs its provider and key, an agent step its CLI, a git step a project
// and git, a notification step a way to show one), each checked for real.
import type { Project } from '../model/types';
import type { PipelineSpec } from '../model/pipeline';
import type { TemplateNeed } from '../model/templates';
import type { NotifierStatus } from '../ports';
import type { ProviderId, SettingsValues } from '../settings/schema';
import { providerIds } from '../settings/schema';
import { providerKeyName, type SecretSource } from '../settings/secret-names';
import { chooseProvider } from '../llm/providers';
import { agentCliPresets } from '../tools/agent-clis';
import { checkWorkDir } from '../projects/work-dir';
import type { NeedCheck } from './template-needs-io';

/** What the checks read of the host. */
export interface NeedProbes {
  settings: SettingsValues;
  secretSource(name: string): Promise<SecretSource>;
  /** The program's full path on PATH, or undefined. */
  findProgram(program: string): string | undefined;
  /** The PATH searched, to show where a missing program was looked for. */
  searchPath: string;
  notifications(): Promise<NotifierStatus>;
  project: Project | undefined;
}

const keyedProviders: readonly ProviderId[] = ['anthropic', 'openai', 'groq'];
const isProvider = (name: string): name is ProviderId => (providerIds as readonly string[]).includes(name);

const settingsHash = (section: string): string => `#/settings?section=${section}`;

/** The needs the steps imply, for the ones a file forgot to declare. */
function impliedNeeds(pipeline: PipelineSpec, settings: SettingsValues): TemplateNeed[] {
  const needs: TemplateNeed[] = [];
  for (const step of pipeline.steps) {
    const input = (step.with ?? {}) as Record<string, unknown>;
    if (step.uses === 'llm.generate' || step.uses === 'llm.structured') {
      const requested = typeof input.provider === 'string' && isProvider(input.provider) ? input.provider : undefined;
      const { provider } = chooseProviderSafely(settings, requested);
      needs.push({ kind: 'provider', name: provider, why: `step ${step.id} asks ${provider}` });
      if (keyedProviders.includes(provider) || settings.providers[provider]?.apiKeySecret) {
        needs.push({ kind: 'secret', name: providerKeyName(provider, settings), why: `the ${provider} API key` });
      }
    } else if (step.uses === 'agent.run') {
      const cli = typeof input.cli === 'string' ? input.cli : '';
      const program =
        typeof input.command === 'string'
          ? input.command
          : (agentCliPresets as Record<string, { program: string }>)[cli]?.program;
      if (program) needs.push({ kind: 'cli', name: program, why: `step ${step.id} runs it` });
      if (typeof input.work_dir !== 'string')
        needs.push({
          kind: 'project',
          name: 'work directory',
          why: `step ${step.id} works in the project's directory`,
        });
    } else if (step.uses === 'git') {
      needs.push({ kind: 'cli', name: 'git', why: `step ${step.id} runs git` });
      needs.push({ kind: 'project', name: 'work directory', why: `step ${step.id} works in the project's repository` });
    } else if (step.uses === 'notify.send') {
      needs.push({ kind: 'notifications', name: 'desktop notifications', why: `step ${step.id} sends one` });
    }
  }
  return needs;
}

function chooseProviderSafely(settings: SettingsValues, provider: ProviderId | undefined): { provider: ProviderId } {
  try {
    return chooseProvider(settings, { provider });
  } catch {
    // A provider without a model still needs to be set up: the check says so.
    return { provider: provider ?? 'anthropic' };
  }
}

/** The declared needs first, then the implied ones not already there (one per kind and name). */
export function templateNeeds(
  declared: TemplateNeed[],
  pipeline: PipelineSpec,
  settings: SettingsValues,
): TemplateNeed[] {
  const seen = new Set<string>();
  const out: TemplateNeed[] = [];
  for (const need of [...declared, ...impliedNeeds(pipeline, settings)]) {
    const key = `${need.kind}:${need.kind === 'project' ? '' : need.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(need);
  }
  return out;
}

function envNamesOf(name: string): string {
  const upper = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return `${upper} or RIDGELINE_SECRET_${upper}`;
}

async function checkOne(need: TemplateNeed, probes: NeedProbes): Promise<NeedCheck> {
  const met = (found: string): NeedCheck => ({ ...need, met: true, found, howTo: null, settingsHash: null });
  const unmet = (found: string, howTo: string, section: string | null): NeedCheck => ({
    ...need,
    met: false,
    found,
    howTo,
    settingsHash: section ? settingsHash(section) : null,
  });
  switch (need.kind) {
    case 'secret': {
      const source = await probes.secretSource(need.name);
      if (source !== 'missing')
        return met(source === 'keychain' ? 'found in the keychain' : 'found in the environment');
      return unmet(
        'not in the keychain or the environment',
        `Add "${need.name}" under Settings → Secrets, or set ${envNamesOf(need.name)} where Ridgeline starts.`,
        'secrets',
      );
    }
    case 'provider': {
      if (!isProvider(need.name))
        return unmet(`"${need.name}" is not a provider Ridgeline knows`, 'Pick a provider in the step.', 'providers');
      const own = probes.settings.providers[need.name];
      if (need.name === 'openai_compatible' && !own?.baseUrl) {
        return unmet('no server address', 'Set the server address under Settings → Providers.', 'providers');
      }
      if (keyedProviders.includes(need.name) || own?.apiKeySecret) {
        const key = providerKeyName(need.name, probes.settings);
        if ((await probes.secretSource(key)) === 'missing') {
          return unmet(
            `its key "${key}" is missing`,
            `Add "${key}" under Settings → Secrets, then test the provider.`,
            'providers',
          );
        }
      }
      return met(own?.defaultModel ? `set up (model ${own.defaultModel})` : 'set up with its default model');
    }
    case 'cli': {
      const path = probes.findProgram(need.name);
      if (path) return met(`found at ${path}`);
      return unmet(
        'not on PATH',
        `Install ${need.name} and make sure it is on the PATH of the Ridgeline process, then restart Ridgeline ` +
          `(PATH searched: ${probes.searchPath || 'empty'}).`,
        null,
      );
    }
    case 'project': {
      const project = probes.project;
      if (!project)
        return unmet(
          'no project chosen',
          'Choose a project to install it into, or create one under Settings → Projects.',
          'projects',
        );
      if (!project.workDir) {
        return unmet(
          `project "${project.name}" has no work directory`,
          `Give "${project.name}" a work directory under Settings → Projects.`,
          'projects',
        );
      }
      const dir = checkWorkDir(project.workDir);
      if (!dir.ok)
        return unmet(
          `${project.workDir}: ${dir.problem}`,
          `Fix the work directory of "${project.name}" under Settings → Projects.`,
          'projects',
        );
      return met(`project "${project.name}" (${project.workDir})`);
    }
    case 'notifications': {
      const status = await probes.notifications();
      if (status.available) return met('this host can show notifications');
      return unmet(
        status.reason,
        'Start a notification server (on Linux, a desktop session with notify-send installed), or turn notifications off under Settings → Notifications.',
        'notifications',
      );
    }
  }
}

export async function checkNeeds(needs: TemplateNeed[], probes: NeedProbes): Promise<NeedCheck[]> {
  return Promise.all(needs.map((need) => checkOne(need, probes)));
}

/** The paused task's reason: each unmet need with how to meet it. */
export function pausedReasonOf(checks: NeedCheck[]): string | null {
  const unmet = checks.filter((c) => !c.met);
  if (unmet.length === 0) return null;
  return `Installed paused: it still needs ${unmet.map((c) => `${c.kind} ${c.name} (${c.found})`).join('; ')}.`;
}
