// Runs a background round every `intervalMs`, never two rounds at once in this process, and waits
// for the round in progress on stop (graceful shutdown). Rounds must be safe to run in several
// processes at once: they claim their work in the database.
import type { FastifyBaseLogger } from "fastify";

export interface Interval {
  stop(): Promise<void>;
}

export function startInterval(
  name: string,
  round: () => Promise<unknown>,
  intervalMs: number,
  log: FastifyBaseLogger,
): Interval {
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const tick = () => {
    timer = null;
    running = round()
      .then(() => undefined)
      .catch((err: unknown) => log.error({ err, job: name }, "background round failed"))
      .finally(() => {
        running = null;
        if (!stopping) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, Math.min(intervalMs, 2000));
  return {
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
