// The current time, ticking once a second while `running` (a live step bar grows); still otherwise.
import { useEffect, useState } from 'react';

export function useTickingNow(running: boolean, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [running, everyMs]);
  return now;
}
