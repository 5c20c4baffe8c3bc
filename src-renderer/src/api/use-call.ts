// A hook for one-shot reads (app info, projects): runs the call on mount and when its input changes.
import { useEffect, useState } from 'react';
import { useApi } from './api-context';
import type { ApiError } from './api-error';
import type { CallInput, CallName, CallOutput } from './contract-types';

export type CallState<K extends CallName> =
  { status: 'loading' } | { status: 'done'; value: CallOutput<K> } | { status: 'failed'; error: ApiError };

export function useCall<K extends CallName>(name: K, input: CallInput<K>): CallState<K> {
  const api = useApi();
  // Inputs are small plain objects; comparing them as JSON keeps callers free of memoisation.
  const requestKey = JSON.stringify([name, input]);
  // Each answer remembers which request it answers, so a changed input reads as loading at once.
  const [answer, setAnswer] = useState<{ requestKey: string; state: CallState<K> } | null>(null);

  useEffect(() => {
    let current = true;
    const [callName, callInput] = JSON.parse(requestKey) as [K, CallInput<K>];
    api.call(callName, callInput).then(
      (value) => current && setAnswer({ requestKey, state: { status: 'done', value } }),
      (error: ApiError) => current && setAnswer({ requestKey, state: { status: 'failed', error } }),
    );
    return () => {
      current = false;
    };
  }, [api, requestKey]);

  return answer?.requestKey === requestKey ? answer.state : { status: 'loading' };
}
