import { newId, obj, ok, str, strArray, wxError, type ApiRequest, type Reply, type SandboxContext } from '../reply';
import type { TagGroupRecord, TagRecord } from '../state';

const TAG_NAME_MAX_CHARS = 30;

/** POST externalcontact/get_corp_tag_list (92117): filter by tag_id (wins) or group_id. */
export function getCorpTagList(ctx: SandboxContext, { body }: ApiRequest): Reply {
  const tagIds = strArray(body.tag_id);
  const groupIds = strArray(body.group_id);
  let groups = ctx.state.tagGroups.map((g) => ({ group: g, tags: g.tags }));
  if (tagIds.length) groups = groups.map((g) => ({ ...g, tags: g.tags.filter((t) => tagIds.includes(t.id)) })).filter((g) => g.tags.length);
  else if (groupIds.length) groups = groups.filter((g) => groupIds.includes(g.group.groupId));
  return ok({ tag_group: groups.map((g) => groupWire(g.group, g.tags)) });
}

/**
 * POST externalcontact/add_corp_tag (92117): group_id adds to that group; group_name adds to the group of
 * that name, creating it when missing. Returns the group with the new tags only.
 */
export function addCorpTag(ctx: SandboxContext, { body }: ApiRequest): Reply {
  const { state, nowMs } = ctx;
  const requested = (Array.isArray(body.tag) ? body.tag : []).map(obj).filter((t): t is Record<string, unknown> => !!t);
  if (!requested.length) return wxError(40063, 'tag empty');
  const names = requested.map((t) => str(t.name) ?? '');
  if (names.some((n) => !n || [...n].length > TAG_NAME_MAX_CHARS)) return wxError(40072);
  if (new Set(names).size !== names.length) return wxError(40071);
  const total = state.tagGroups.reduce((n, g) => n + g.tags.length, 0);
  if (total + names.length > state.limits.corpTagMax) return wxError(40126);

  const groupId = str(body.group_id);
  const groupName = str(body.group_name);
  let group: TagGroupRecord | undefined;
  if (groupId) {
    group = state.tagGroups.find((g) => g.groupId === groupId);
    if (!group) return wxError(40068, 'group_id');
  } else if (groupName) {
    group = state.tagGroups.find((g) => g.groupName === groupName);
  } else {
    return wxError(40063, 'group_id and group_name both empty');
  }
  const existing = group?.tags ?? [];
  if (names.some((n) => existing.some((t) => t.name === n))) return wxError(40071);

  const now = nowMs();
  if (!group) {
    group = { groupId: newId('et', 15), groupName: groupName ?? '', createdAtMs: now, order: Number(body.order ?? 0) || 0, tags: [] };
    state.tagGroups.push(group);
  }
  const created: TagRecord[] = requested.map((t, i) => ({ id: newId('et', 15), name: names[i] ?? '', createdAtMs: now, order: Number(t.order ?? 0) || 0 }));
  group.tags.push(...created);
  return ok({ tag_group: groupWire(group, created) });
}

const groupWire = (g: TagGroupRecord, tags: TagRecord[]) => ({
  group_id: g.groupId,
  group_name: g.groupName,
  create_time: Math.floor(g.createdAtMs / 1000),
  order: g.order,
  tag: tags.map((t) => ({ id: t.id, name: t.name, create_time: Math.floor(t.createdAtMs / 1000), order: t.order })),
});
