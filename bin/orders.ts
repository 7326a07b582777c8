/** `npm run orders -- list|replay …`; see `--help`. */
import { localOrdersWorkflow } from '../functions/local/orders-workflow';
import { ExitCode, runOrdersCli } from '../functions/operations/orders-cli';

// An operator's command on a Node 20 workstation: the SDK's runtime notice would bury the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// With --endpoint the workflow's tasks run here: their EMF metric lines have no CloudWatch to go to.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

runOrdersCli(process.argv.slice(2), process, undefined, localOrdersWorkflow).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = ExitCode.FAILED;
  },
);
