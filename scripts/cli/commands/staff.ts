import { formIssues } from '../../../shared/domain/health/form';
import { importRoster, listRoster, StaffLineSchema, type ImportResult, type StaffLine } from '../../../shared/services/team/roster';
import { inputFrom, readLines } from '../json-lines';
import { teamTarget } from '../team-target';
import { CliUsageError, type CliCommand, type CliIo } from '../command';

/**
 * `staff import --in FILE [--replace]`: the 4R roster, JSON lines {userId, name, role, scenes, onCall?, active?}.
 * Every line is checked first; one bad line imports nothing. `staff list`: the roster with current loads.
 * Against a running `npm start` (same DATA_DIR) through its PUT/GET /api/team/staff; otherwise on the
 * store named by the environment (STORE=…), see team-target.ts.
 */

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const lines = await readLines(inputFrom(args, io));
  const staff: StaffLine[] = [];
  let bad = 0;
  for (const { line, text } of lines) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = Symbol('not json');
    }
    const parsed = StaffLineSchema.safeParse(json);
    if (parsed.success) {
      staff.push(parsed.data);
      continue;
    }
    bad += 1;
    const fields = typeof json === 'symbol' ? [{ field: '(root)', message: 'not valid JSON' }] : formIssues(parsed.error);
    io.stdout.write(`${JSON.stringify({ error: { code: 'invalid_line', message: `line ${line}: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, fields } })}\n`);
  }
  const ids = staff.map((s) => s.userId);
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dupes.length) {
    bad += 1;
    io.stdout.write(`${JSON.stringify({ error: { code: 'duplicate_user', message: `userId listed twice: ${[...new Set(dupes)].join(', ')}` } })}\n`);
  }
  if (bad) {
    io.stderr.write(`error: ${bad} problem(s); nothing imported\n`);
    return 1;
  }
  if (!staff.length) throw new CliUsageError('the file has no roster lines');
  const replace = args.includes('--replace');
  const target = await teamTarget();
  const result: ImportResult =
    target.kind === 'stack'
      ? await target.client.call<ImportResult>('PUT', '/api/team/staff', { staff, replace })
      : await importRoster(target.deps.store, staff, { nowMs: target.deps.clock.nowMs(), replace });
  io.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}

async function listCommand(io: CliIo): Promise<number> {
  const target = await teamTarget();
  const staff =
    target.kind === 'stack'
      ? (await target.client.call<{ staff: Record<string, unknown>[] }>('GET', '/api/team/staff')).staff
      : (await listRoster(target.deps.store)).map((s) => ({ userId: s._id, name: s.name, role: s.role, scenes: s.scenes, onCall: s.onCall, active: s.active, load: s.load }));
  for (const s of staff) io.stdout.write(`${JSON.stringify(s)}\n`);
  return 0;
}

export const command: CliCommand = {
  name: 'staff',
  summary: '4R roster: import JSON lines {userId,name,role,scenes,onCall?} or list with loads',
  usage: 'npm run -s cli -- staff import --in FILE|- [--replace]  |  staff list',
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'import') return importCommand(rest, io);
    if (sub === 'list') return listCommand(io);
    throw new CliUsageError('expected "import" or "list"');
  },
};
