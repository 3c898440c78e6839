/**
 * A queue that runs one task at a time. TypeORM's SQLite drivers carry every query on one
 * connection, so two store calls in flight would interleave inside one transaction; the store
 * queues its calls per DataSource instead.
 * @example const q = serialQueue(); await Promise.all([q(() => a()), q(() => b())]) // b starts after a settles
 */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.then(() => undefined, () => undefined);
    return run;
  };
}
