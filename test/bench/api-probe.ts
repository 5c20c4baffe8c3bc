// Asks one API call over loopback HTTP again and again, one request at a time, and keeps when each
// was sent and how long its answer took: how long the host leaves a caller waiting while it works.
import { Agent, request } from 'node:http';

export interface ProbeSample {
  /** performance.now() when the request was sent. */
  sentAt: number;
  ms: number;
}

export interface ApiProbe {
  stop(): Promise<ProbeSample[]>;
}

function post(agent: Agent, url: URL, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Host: url.host },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`${url.pathname} answered ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

/** Probes `call` (e.g. scheduler.status) until stopped, pausing `gapMs` between requests. */
export function startApiProbe(options: { baseUrl: string; token: string; call: string; gapMs: number }): ApiProbe {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(`/api/${options.call}`, options.baseUrl);
  const samples: ProbeSample[] = [];
  let stopped = false;
  const loop = (async () => {
    // The first request opens the kept-alive connection and is not counted: what is measured is how
    // long the host leaves a caller waiting, not the handshake of a new connection.
    await post(agent, url, options.token);
    while (!stopped) {
      const sentAt = performance.now();
      await post(agent, url, options.token);
      samples.push({ sentAt, ms: performance.now() - sentAt });
      await new Promise((done) => setTimeout(done, options.gapMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      agent.destroy();
      return samples;
    },
  };
}
