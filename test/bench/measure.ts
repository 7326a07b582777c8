/** What the benchmarks measure with: a request-counting proxy in front of DynamoDB Local, and percentiles. */
import { createServer, request as httpRequest } from 'node:http';

/** Every benchmark runs against local emulators only: dummy credentials, quiet logs. */
Object.assign(process.env, {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});

/** A counting reverse proxy: every request to it is one DynamoDB API call. */
export const countingProxy = async (target: string) => {
  const upstream = new URL(target);
  let count = 0;
  const byTarget = new Map<string, number>();
  const server = createServer((req, res) => {
    count++;
    const target =
      String(req.headers['x-amz-target'] ?? '')
        .split('.')
        .at(-1) ?? '';
    byTarget.set(target, (byTarget.get(target) ?? 0) + 1);
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    take: () => {
      const taken = count;
      count = 0;
      byTarget.clear();
      return taken;
    },
    /** Requests since the last {@link take}, by DynamoDB operation. */
    byOperation: (): Record<string, number> => Object.fromEntries(byTarget),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
