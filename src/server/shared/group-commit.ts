// Group commit at the application level: writes that arrive while earlier ones are being written
// wait and are then written together, by one statement and one commit, and each caller is answered
// only after that commit. At low load a write goes alone at once (no timer, no added delay); under
// load the batch grows by itself. Nothing is kept in memory past its caller's answer: a write that
// fails or is never committed is an error for its caller, who has not been told it succeeded.

export interface GroupCommitOptions<I> {
  /** Largest batch written at once. */
  maxBatch: number;
  /** Batches written at the same time (several connections, several cores on the database). */
  maxInFlight: number;
  /** Items with different keys never share a batch (e.g. parameters of the statement). */
  batchKey?: (item: I) => string;
  /** Items with the same non-null key never share a batch: the later one waits for the next. */
  conflictKey?: (item: I) => string | null;
  /**
   * Whether a failed batch is known to have stored nothing, so that its items may be written again
   * one by one (e.g. the database refused the statement). Otherwise every caller gets the error:
   * a connection lost during the commit must not store a submission twice.
   */
  retryAlone: (error: unknown) => boolean;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (reason: unknown) => void;
}

export class GroupCommit<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;

  /**
   * `writeBatch` answers one result per item, in order, or throws for the whole batch; each item is
   * then written again alone with `writeOne`, so one bad item fails only its own caller.
   */
  constructor(
    private readonly writeBatch: (items: I[]) => Promise<O[]>,
    private readonly writeOne: (item: I) => Promise<O>,
    private readonly options: GroupCommitOptions<I>,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      // Writes of the same turn of the event loop (requests parsed together) go in one batch.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.take();
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** The oldest waiting item and, in order, those that may share its batch. */
  private take(): Waiting<I, O>[] {
    const { batchKey, conflictKey, maxBatch } = this.options;
    const key = batchKey ? batchKey(this.queue[0]!.item) : "";
    const seen = new Set<string>();
    const batch: Waiting<I, O>[] = [];
    const rest: Waiting<I, O>[] = [];
    for (const w of this.queue) {
      const conflict = conflictKey ? conflictKey(w.item) : null;
      const fits =
        batch.length < maxBatch &&
        (!batchKey || batchKey(w.item) === key) &&
        (conflict === null || !seen.has(conflict));
      if (!fits) {
        rest.push(w);
        continue;
      }
      if (conflict !== null) seen.add(conflict);
      batch.push(w);
    }
    this.queue.length = 0;
    this.queue.push(...rest);
    return batch;
  }

  private async write(batch: Waiting<I, O>[]): Promise<void> {
    let results: O[];
    try {
      results = await this.writeBatch(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error("group commit: one result per item expected");
    } catch (error) {
      if (!this.options.retryAlone(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
      // Written again one by one: each caller gets its own answer or its own error.
      await Promise.all(
        batch.map((w) =>
          this.writeOne(w.item).then(
            (r) => w.resolve(r),
            (e: unknown) => w.reject(e),
          ),
        ),
      );
      return;
    }
    for (const [i, w] of batch.entries()) w.resolve(results[i]!);
  }
}
