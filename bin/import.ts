/** `npm run import -- --table <name> [--endpoint <url>] [--region <region>] <file.json>`; see `--help`. */
import { ExitCode, runImportCli } from '../functions/seed/cli';

// An operator's command on a Node 20 workstation: the SDK's runtime notice would bury the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

runImportCli(process.argv.slice(2), process).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = ExitCode.WRITE_FAILED;
  },
);
