/**
 * Standalone sandbox: `tsx dev/wecom-sandbox/main.ts [--port 4010]`.
 * Point WECOM_API_BASE and WECHAT_API_BASE at the printed URL and use the SANDBOX_DEFAULTS credentials.
 */
import { SANDBOX_DEFAULTS } from './config';
import { startWecomSandbox } from './server';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(process.env.WECOM_SANDBOX_PORT ?? 0);

async function main(): Promise<void> {
  const sandbox = await startWecomSandbox({ port });
  console.log(`WeCom sandbox listening on ${sandbox.url}`);
  console.log(`  corpId ${SANDBOX_DEFAULTS.corpId}, agentId ${SANDBOX_DEFAULTS.agentId}; inspect at ${sandbox.url}/_sandbox/sent`);
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
