/** Reads the CloudWatch EMF lines Powertools Metrics writes to stdout, for tests. */

/** One EMF line, flattened: its namespace, dimension values and metric values with their units. */
export interface EmfRecord {
  namespace: string;
  dimensions: Record<string, string>;
  metrics: Record<string, { unit: string; value: unknown }>;
}

interface EmfDocument {
  _aws: {
    CloudWatchMetrics: Array<{
      Namespace: string;
      Dimensions: string[][];
      Metrics: Array<{ Name: string; Unit: string }>;
    }>;
  };
  [key: string]: unknown;
}

const toRecord = (document: EmfDocument): EmfRecord => {
  const [directive] = document._aws.CloudWatchMetrics;
  if (!directive) throw new Error('An EMF line without a metric directive');
  const dimensions = Object.fromEntries(
    directive.Dimensions.flat().map((name) => [name, String(document[name])] as const),
  );
  const metrics = Object.fromEntries(
    directive.Metrics.map((metric) => [metric.Name, { unit: metric.Unit, value: document[metric.Name] }]),
  );
  return { namespace: directive.Namespace, dimensions, metrics };
};

/** Records what is written to stdout from now on; `records()` is the EMF lines among it. */
export const captureEmf = (): { records: () => EmfRecord[]; restore: () => void } => {
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  return {
    records: () =>
      written
        .flatMap((chunk) => chunk.split('\n'))
        .filter((line) => line.includes('"_aws"'))
        .map((line) => toRecord(JSON.parse(line) as EmfDocument)),
    restore: () => spy.mockRestore(),
  };
};
