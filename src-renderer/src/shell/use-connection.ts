// The state of the live-updates stream, for the header's indicator.
import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context';
import type { ConnectionStatus } from '../api/transport';

export function useConnection(): ConnectionStatus {
  const api = useApi();
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  useEffect(() => api.listen({ onMessage: () => {}, onStatus: setStatus }), [api]);
  return status;
}
