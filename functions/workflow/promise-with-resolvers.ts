/**
 * `Promise.withResolvers` (ES2024) where the runtime lacks it: Node 20, which runs `npm start` and the
 * tests. aws-local-stepfunctions calls it in every Task state; without it each task throws a TypeError
 * that the definition's Catch then turns into a tidy MarkFailed, so runs look handled while nothing ran.
 * Import this module before aws-local-stepfunctions. The Lambda runtimes (Node 22+) have it built in.
 */

interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

const withResolvers = <T>(): Resolvers<T> => {
  let resolve!: Resolvers<T>['resolve'];
  let reject!: Resolvers<T>['reject'];
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    value: withResolvers,
    writable: true,
    configurable: true,
  });
}
