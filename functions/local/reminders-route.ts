/**
 * `POST /_local/reminders/run` `{"at"?: ISO instant}` (PRODUCT.md §4): runs the renewal-reminder job as
 * of `at` (default now), with the deployed job's code and the local table, and answers what it did.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { runReminders } from '../use-cases/renewal-reminders';
import { clock, reminderDeps } from '../wiring';
import { json, problem } from './answers';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant a request asks for: its body's `at`, else now; a string saying what is wrong otherwise. */
const requestedInstant = (event: APIGatewayProxyEventV2): Date | string => {
  const raw = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  if (raw.trim() === '') return clock().now();
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return 'The body is not JSON: send {"at": "2026-12-03T09:00:00Z"} or nothing.';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The body must be an object.';
  const { at, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return `Unknown field: ${Object.keys(rest).join(', ')}.`;
  if (at === undefined) return clock().now();
  if (typeof at !== 'string' || !ISO_INSTANT.test(at) || Number.isNaN(Date.parse(at))) {
    return '`at` must be an ISO 8601 instant, e.g. 2026-12-03T09:00:00Z.';
  }
  return new Date(at);
};

export const runRemindersNow = async (
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const at = requestedInstant(event);
  if (typeof at === 'string') return problem(400, 'VALIDATION_FAILED', at);
  const report = await runReminders(await reminderDeps(), at);
  return json(200, { at: at.toISOString(), ...report });
};
