/** `npm run orders -- list|replay …`; see `--help`. */
import { ExitCode, runOrdersCli } from '../functions/operations/orders-cli';

runOrdersCli(process.argv.slice(2), process).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = ExitCode.FAILED;
  },
);
