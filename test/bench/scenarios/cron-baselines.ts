// The cron libraries people would pick instead, timed in the same benchmark run: one task firing
// every second in each, lateness measured past the whole second on the same precise clock.
import cron from 'node-cron';
import { Cron } from 'croner';
import { preciseNow } from './dispatch-burst';

export interface Baselines {
  nodeCron: number[];
  croner: number[];
}

/** Both libraries at once, each its own every-second task, for `samples` seconds. */
export async function cronBaselines(samples: number): Promise<Baselines> {
  const past = (): number => {
    const now = preciseNow();
    return now - Math.floor(now / 1000) * 1000;
  };
  const nodeCron: number[] = [];
  const croner: number[] = [];
  await Promise.all([
    new Promise<void>((resolve) => {
      const job = cron.schedule('* * * * * *', () => {
        nodeCron.push(past());
        if (nodeCron.length === samples) {
          void job.stop();
          resolve();
        }
      });
    }),
    new Promise<void>((resolve) => {
      const job = new Cron('* * * * * *', () => {
        croner.push(past());
        if (croner.length === samples) {
          job.stop();
          resolve();
        }
      });
    }),
  ]);
  return { nodeCron, croner };
}
