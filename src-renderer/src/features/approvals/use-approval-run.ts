// What an approval card needs from its run: the cost so far and why it stopped (kept live, as a
// budget decision or a late step changes them), the halted step's recorded input (a structured
// step's schema), and the tool's output schema from the catalogue, for the edit form.
import type { Approval } from '../../api/contract-types';
import { useCall } from '../../api/use-call';
import { useLiveCall } from '../../api/use-live-call';
import type { JsonSchema } from './edit-target';

export function useApprovalRun(approval: Approval) {
  const details = useLiveCall(
    'runs.get',
    { id: approval.runId },
    {
      refetchOn: (message) =>
        (message.event === 'run:updated' || message.event === 'run:queued') && message.data.run.id === approval.runId,
      throttleMs: 1000,
    },
  );
  const tools = useCall('tools.list', {});
  const stepId = approval.step?.id;
  const step = details.value?.steps.filter((s) => s.stepId === stepId).at(-1);
  const catalogue = tools.status === 'done' ? tools.value : undefined;
  const tool = catalogue?.find((t) => t.name === approval.step?.uses);
  return {
    run: details.value?.run ?? null,
    loaded: details.value !== undefined && tools.status !== 'loading',
    stepInput: step?.input,
    toolOutputSchema: tool?.outputSchema as JsonSchema | undefined,
  };
}
