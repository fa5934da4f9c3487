import { cloudbaseIndexLister, type CloudbaseIndexListerOptions } from '../../../shared/adapters/store/cloudbase-index-lister';
import { cloudbaseIndexStatus, indexLabel, type IndexStatus } from '../../../shared/adapters/store/cloudbase-indexes';
import { ConfigError, parseConfig } from '../../../shared/config';
import { CliUsageError, type CliCommand, type CliIo } from '../command';

/**
 * `cloudbase indexes`: which of the indexes README "CloudBase indexes" lists (CLOUDBASE_INDEXES) the
 * CloudBase environment has, read through the cloud API (tcb DescribeEnvs, then flexdb DescribeTable per
 * collection) with the operator's TENCENTCLOUD_* key. Run at deploy time, after creating the indexes and
 * before go-live; the functions never read indexes, so their run role needs no control-plane permission.
 */

const READ_PERMISSION = 'an API key allowed tcb:DescribeEnvs and flexdb:DescribeTable';

/**
 * The environment read with the functions' own parser (parseConfig: same variables, defaults, blanks
 * as unset), plus what this command needs besides: STORE=cloudbase and a key to read the indexes with.
 * Every problem is named at once, one variable a line.
 */
function listerOptions(env: NodeJS.ProcessEnv): Omit<CloudbaseIndexListerOptions, 'fetchImpl'> {
  const problems = new Map<string, string>();
  let config: ReturnType<typeof parseConfig> | undefined;
  try {
    config = parseConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const line of err.message.split('\n').slice(1)) {
      const [name = line.trim(), ...rest] = line.trim().split(': ');
      if (!problems.has(name)) problems.set(name, rest.join(': '));
    }
  }
  const given = (name: string) => (env[name] ?? '') !== '';
  if (!problems.has('STORE') && env.STORE !== 'cloudbase') problems.set('STORE', 'must be cloudbase (this command reads a CloudBase environment)');
  if (!problems.has('CLOUDBASE_ENV_ID') && !given('CLOUDBASE_ENV_ID')) problems.set('CLOUDBASE_ENV_ID', 'required when STORE=cloudbase');
  for (const name of ['TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY']) {
    if (!given(name)) problems.set(name, `required to read the indexes (${READ_PERMISSION})`);
  }
  if (problems.size || !config?.CLOUDBASE_ENV_ID || !config.TENCENTCLOUD_SECRETID || !config.TENCENTCLOUD_SECRETKEY) {
    const lines = [...problems].map(([name, message]) => `  ${name}: ${message}`);
    throw new CliUsageError(`the environment is not a CloudBase configuration the functions could run with:\n${lines.join('\n')}`);
  }
  return {
    envId: config.CLOUDBASE_ENV_ID,
    region: config.TENCENTCLOUD_REGION,
    credential: {
      secretId: config.TENCENTCLOUD_SECRETID,
      secretKey: config.TENCENTCLOUD_SECRETKEY,
      ...(config.TENCENTCLOUD_SESSIONTOKEN && { token: config.TENCENTCLOUD_SESSIONTOKEN }),
    },
  };
}

const lineOf = (s: IndexStatus) => ({
  collection: s.collection,
  fields: s.fields,
  unique: s.unique === true,
  why: s.why,
  exists: s.exists,
  ...(s.exists === null && { error: { code: 'unreadable', message: s.error } }),
});

async function indexes(args: string[], io: CliIo): Promise<number> {
  if (args.length) throw new CliUsageError(`unexpected argument ${args[0]}`);
  const statuses = await cloudbaseIndexStatus(cloudbaseIndexLister(listerOptions(process.env)));
  for (const s of statuses) io.stdout.write(`${JSON.stringify(lineOf(s))}\n`);
  const missing = statuses.filter((s) => s.exists === false);
  const unreadable = new Map(statuses.flatMap((s) => (s.exists === null ? [[s.collection, s.error] as const] : [])));
  if (missing.length) {
    io.stderr.write(
      `error: ${missing.length} of ${statuses.length} index(es) missing: ${missing.map((m) => `${m.collection} (${indexLabel(m)})`).join('; ')}; ` +
        'create them in the console (数据库 → 集合 → 索引管理), see README "CloudBase indexes"\n',
    );
  }
  if (unreadable.size) {
    io.stderr.write(
      `error: the indexes of ${unreadable.size} collection(s) could not be read (${[...unreadable].map(([c, e]) => `${c}: ${e}`).join('; ')}); ` +
        `the key needs tcb:DescribeEnvs and flexdb:DescribeTable, and a collection must exist (the functions create theirs on first use)\n`,
    );
  }
  return missing.length || unreadable.size ? 1 : 0;
}

export const command: CliCommand = {
  name: 'cloudbase',
  summary: 'CloudBase: which of the indexes README "CloudBase indexes" lists the environment has (exit 1 when any is missing)',
  usage: [
    'npm run -s cli -- cloudbase indexes',
    '       reads the functions\' environment (STORE=cloudbase, CLOUDBASE_ENV_ID, TENCENTCLOUD_REGION, …) and TENCENTCLOUD_SECRETID/SECRETKEY',
    `       [/SESSIONTOKEN] of ${READ_PERMISSION}; prints one line per index:`,
    '       {"collection","fields","unique","why","exists"} (exists null, with {"error"}, when its collection could not be read)',
  ].join('\n'),
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'indexes') return indexes(rest, io);
    throw new CliUsageError('expected indexes');
  },
};
