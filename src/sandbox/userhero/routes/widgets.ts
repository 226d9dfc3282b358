import { projectIn, requiredWorkspace } from '../access.js';
import { badRequest, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Widget } from '../model.js';
import { renderWidget } from '../render.js';
import { created, noContent, ok, route } from '../router.js';
import type { Call } from '../state.js';
import { readBoolean, readObject, readString } from '../validate.js';

function widgetOf(call: Call): Widget {
  const workspace = requiredWorkspace(call);
  const widget = call.state.data.widgets.get(call.id);
  if (!widget || widget.workspaceId !== workspace.id) throw notFound('Widget not found');
  return widget;
}

function list(call: Call) {
  const workspace = requiredWorkspace(call);
  const projectId = call.query.get('projectId') || undefined;
  const widgets = [...call.state.data.widgets.values()].filter(
    (widget) =>
      widget.workspaceId === workspace.id &&
      (projectId === undefined || widget.projectId === projectId),
  );
  return ok(widgets.map(renderWidget));
}

function create(call: Call) {
  const { state } = call;
  const body = call.body();
  const workspace = requiredWorkspace(call);
  const projectId = readString(body, 'projectId', { required: true });
  const name = readString(body, 'name', { required: true, max: 100 });
  const project = projectIn(state, workspace, projectId);
  const config = readObject(body, 'config') ?? { type: 'modal' };
  const styling = readObject(body, 'styling') ?? {};
  const enabled = readBoolean(body, 'enabled') ?? true;
  const now = state.now().toISOString();
  const widget: Widget = {
    id: newId(state.random, 'wgt', 12),
    workspaceId: workspace.id,
    projectId: project.id,
    name,
    enabled,
    config,
    styling,
    createdAt: now,
    updatedAt: now,
  };
  state.data.widgets.set(widget.id, widget);
  return created(renderWidget(widget));
}

function get(call: Call) {
  return ok(renderWidget(widgetOf(call)));
}

/** config and styling merge key by key: the docs' example sends only `{ type }`. */
function update(call: Call) {
  const body = call.body();
  const widget = widgetOf(call);
  const name = readString(body, 'name', { max: 100 });
  if (name !== undefined && name.trim() === '') throw badRequest('name must not be empty');
  const enabled = readBoolean(body, 'enabled');
  const config = readObject(body, 'config');
  const styling = readObject(body, 'styling');
  if (name !== undefined) widget.name = name;
  if (enabled !== undefined) widget.enabled = enabled;
  if (config) widget.config = { ...widget.config, ...config };
  if (styling) widget.styling = { ...widget.styling, ...styling };
  widget.updatedAt = call.state.now().toISOString();
  return ok(renderWidget(widget));
}

/** Widgets answer 204 with no body. */
function remove(call: Call) {
  const widget = widgetOf(call);
  call.state.data.widgets.delete(widget.id);
  return noContent();
}

export const widgetRoutes = [
  route('GET', '/widgets', list),
  route('POST', '/widgets', create),
  route('GET', '/widgets/:id', get),
  route('PATCH', '/widgets/:id', update),
  route('DELETE', '/widgets/:id', remove),
];
