// Macro execution. Conditions are a combinator tree of `{ field, operator, value }` rules over the
// feedback item (the docs show only the empty tree); each action runs on its own, so one failing
// action does not undo the others, and any failure makes the outcome "error".
import { isMember } from './access.js';
import type {
  ActionResult,
  AutomationAction,
  ConditionGroup,
  ConditionRule,
  Feedback,
  Project,
  Workspace,
} from './model.js';
import { PRIORITIES } from './model.js';
import { isKnownStatus } from './statuses.js';

function fieldValue(item: Feedback, field: string): unknown {
  return (item as unknown as Record<string, unknown>)[field];
}

function isEmpty(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

function testRule(rule: ConditionRule, item: Feedback): boolean {
  const actual = fieldValue(item, rule.field);
  const expected = rule.value;
  const list = Array.isArray(expected) ? expected : [expected];
  switch (rule.operator) {
    case 'equals':
      return actual === expected;
    case 'not_equals':
      return actual !== expected;
    case 'contains':
      if (Array.isArray(actual)) return actual.includes(expected);
      return (
        typeof actual === 'string' &&
        typeof expected === 'string' &&
        actual.toLowerCase().includes(expected.toLowerCase())
      );
    case 'not_contains':
      return !testRule({ ...rule, operator: 'contains' }, item);
    case 'in':
      return list.includes(actual);
    case 'not_in':
      return !list.includes(actual);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (typeof actual !== 'number' || typeof expected !== 'number') return false;
      if (rule.operator === 'gt') return actual > expected;
      if (rule.operator === 'gte') return actual >= expected;
      if (rule.operator === 'lt') return actual < expected;
      return actual <= expected;
    }
    case 'is_empty':
      return isEmpty(actual);
    case 'is_not_empty':
      return !isEmpty(actual);
    default:
      return false;
  }
}

export function conditionsMatch(group: ConditionGroup, item: Feedback): boolean {
  const results = group.rules.map((rule) =>
    'combinator' in rule ? conditionsMatch(rule, item) : testRule(rule, item),
  );
  return group.combinator === 'or'
    ? results.length === 0 || results.some(Boolean)
    : results.every(Boolean);
}

function applyAction(
  action: AutomationAction,
  item: Feedback,
  project: Project | undefined,
  workspace: Workspace | undefined,
): string | undefined {
  const param = action.params;
  switch (action.type) {
    case 'set_status': {
      const status = param.status;
      if (typeof status !== 'string' || !isKnownStatus(project, status)) {
        return `Unknown status: ${String(status)}`;
      }
      item.status = status;
      return undefined;
    }
    case 'add_tag': {
      const tag = param.tag;
      if (typeof tag !== 'string' || tag === '') return 'Missing tag';
      if (!item.tags.includes(tag)) item.tags.push(tag);
      return undefined;
    }
    case 'assign_agent': {
      const userId = param.userId;
      if (typeof userId !== 'string' || !workspace || !isMember(workspace, userId)) {
        return `User ${String(userId)} is not a workspace member`;
      }
      item.assigneeId = userId;
      return undefined;
    }
    case 'set_priority': {
      const priority = PRIORITIES.find((p) => p === param.priority);
      if (!priority) return `Unknown priority: ${String(param.priority)}`;
      item.priority = priority;
      return undefined;
    }
    default:
      return `Unsupported action: ${String((action as { type: unknown }).type)}`;
  }
}

export function runActions(
  actions: readonly AutomationAction[],
  item: Feedback,
  project: Project | undefined,
  workspace: Workspace | undefined,
): ActionResult[] {
  return actions.map((action) => {
    const error = applyAction(action, item, project, workspace);
    return error === undefined
      ? { type: action.type, success: true }
      : { type: action.type, success: false, error };
  });
}
