import { formIssues } from '../../../shared/domain/health/form';
import { createContentLibrary } from '../../../shared/services/content/library';
import { ContentItemSchema, type ContentItemInput } from '../../../shared/services/content/schemas';
import { inputFrom, readLines } from '../json-lines';
import { teamTarget } from '../team-target';
import { CliUsageError, type CliCommand, type CliIo } from '../command';

/**
 * `content import --in FILE`: the content library, JSON lines {id, title, body, tags, season, audience,
 * source, reviewer, validFrom, validTo?} (docs/content/seed-items.jsonl is the sourced seed). Every line
 * is checked first, each error naming its file line; one bad line imports nothing. An item already
 * there under its id is replaced; the same file twice changes nothing. `content list`: the library.
 * Against a running `npm start` (same DATA_DIR) through its /api/content routes; otherwise on the
 * store named by the environment (see team-target.ts).
 */

const errorLine = (code: string, message: string, fields?: unknown) => `${JSON.stringify({ error: { code, message, ...(fields !== undefined && { fields }) } })}\n`;

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const lines = await readLines(inputFrom(args, io));
  const items: ContentItemInput[] = [];
  const lineOf = new Map<string, number>();
  let bad = 0;
  for (const { line, text } of lines) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = Symbol('not json');
    }
    const parsed = ContentItemSchema.safeParse(json);
    if (!parsed.success) {
      bad += 1;
      const fields = typeof json === 'symbol' ? [{ field: '(root)', message: 'not valid JSON' }] : formIssues(parsed.error);
      io.stdout.write(errorLine('invalid_line', `line ${line}: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, fields));
      continue;
    }
    const first = lineOf.get(parsed.data.id);
    if (first !== undefined) {
      bad += 1;
      io.stdout.write(errorLine('duplicate_id', `line ${line}: id: ${parsed.data.id} is already on line ${first}`));
      continue;
    }
    lineOf.set(parsed.data.id, line);
    items.push(json as ContentItemInput);
  }
  if (bad) {
    io.stderr.write(`error: ${bad} of ${lines.length} line(s) failed; nothing imported\n`);
    return 1;
  }
  if (!items.length) throw new CliUsageError('the file has no content lines');
  const target = await teamTarget();
  const result =
    target.kind === 'stack'
      ? await target.client.call<Record<string, number>>('PUT', '/api/content/items', { items })
      : await createContentLibrary(target.deps).importMany(items, { kind: 'machine', id: 'cli' });
  io.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}

async function listCommand(io: CliIo): Promise<number> {
  const target = await teamTarget();
  const items =
    target.kind === 'stack'
      ? (await target.client.call<{ items: Record<string, unknown>[] }>('GET', '/api/content/items')).items
      : await createContentLibrary(target.deps).list();
  for (const item of items) io.stdout.write(`${JSON.stringify(item)}\n`);
  return 0;
}

export const command: CliCommand = {
  name: 'content',
  summary: 'content library: import JSON lines {id,title,body,season,audience,source,reviewer,validFrom} or list',
  usage: 'npm run -s cli -- content import --in FILE|-  |  content list',
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'import') return importCommand(rest, io);
    if (sub === 'list') return listCommand(io);
    throw new CliUsageError('expected "import" or "list"');
  },
};
