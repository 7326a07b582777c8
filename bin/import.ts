/** `npm run import -- --table <name> [--endpoint <url>] [--region <region>] <file.json>`; see `--help`. */
import { ExitCode, runImportCli } from '../functions/seed/cli';

runImportCli(process.argv.slice(2), process).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = ExitCode.WRITE_FAILED;
  },
);
