// The settings as the host holds them, kept live through settings:updated, and a save that
// reports the host's per-field messages.
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useLiveCall } from '../../api/use-live-call';
import { ApiError } from '../../api/api-error';
import type { CallInput, CallOutput } from '../../api/contract-types';

export type SettingsValues = CallOutput<'settings.get'>;
export type SettingsPatch = CallInput<'settings.update'>;

export type SettingsState =
  { status: 'loading' } | { status: 'failed'; error: ApiError } | { status: 'done'; value: SettingsValues };

export function useSettings(): SettingsState {
  const { value, error } = useLiveCall(
    'settings.get',
    {},
    {
      apply: (current, message) => (message.event === 'settings:updated' ? message.data.settings : current),
    },
  );
  if (value) return { status: 'done', value };
  return error ? { status: 'failed', error } : { status: 'loading' };
}

/** The display timezone from app.info at start, then from every settings:updated. */
export function useLiveDisplayTimezone(initial: string): string {
  const api = useApi();
  const [zone, setZone] = useState<string | null>(null);
  useEffect(
    () =>
      api.listen({
        onMessage: (message) => {
          if (message.event === 'settings:updated') setZone(message.data.settings.displayTimezone);
        },
        onStatus: () => undefined,
      }),
    [api],
  );
  return zone ?? initial;
}

export interface SaveState {
  saving: boolean;
  saved: boolean;
  error: ApiError | null;
  save(patch: SettingsPatch): Promise<void>;
  /** The host's messages for a field and everything under it (`mcpServers` covers `mcpServers[0].name`). */
  errorFor(path: string): string | undefined;
}

export function useSaveSettings(): SaveState {
  const api = useApi();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const save = useCallback(
    async (patch: SettingsPatch) => {
      setSaving(true);
      setSaved(false);
      setError(null);
      try {
        await api.call('settings.update', patch);
        setSaved(true);
      } catch (e) {
        setError(e instanceof ApiError ? e : new ApiError('bad_response', String(e)));
      } finally {
        setSaving(false);
      }
    },
    [api],
  );

  const errorFor = useCallback(
    (path: string) => {
      const messages = (error?.issues ?? [])
        .filter((i) => i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`))
        .map((i) => (i.path === path ? i.message : `${i.path.slice(path.length).replace(/^\./, '')}: ${i.message}`));
      return messages.length > 0 ? messages.join('; ') : undefined;
    },
    [error],
  );

  return { saving, saved, error, save, errorFor };
}
