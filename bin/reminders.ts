/** `npm run reminders -- [--at …] [table options]`; see `--help`. */
import { EnvName } from '../functions/config';
import { ExitCode, runRemindersCli } from '../functions/operations/reminders-cli';
import { reminderDeps } from '../functions/wiring';

// An operator's command on a Node 20 workstation: the SDK's runtime notice would bury the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

runRemindersCli(process.argv.slice(2), process, async ({ tableName, endpoint, region }) => {
  // The job's own wiring, pointed at the table the command names.
  process.env[EnvName.TABLE_NAME] = tableName;
  if (endpoint) process.env[EnvName.DYNAMODB_ENDPOINT] = endpoint;
  if (region) process.env.AWS_REGION = region;
  return reminderDeps();
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = ExitCode.FAILED;
  },
);
