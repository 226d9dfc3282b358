import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Automation, AutomationRun, RunResult } from '../../domain/automation.js';
import type { CustomerMergeResult, UserHeroCustomer } from '../../domain/customer-profile.js';
import type { Comment, Feedback, Note, UploadedMedia } from '../../domain/feedback.js';
import type { Project, Widget } from '../../domain/project.js';
import { normalizeEmail } from '../../domain/text.js';
import type { Webhook, Workspace, WorkspaceUsage } from '../../domain/workspace.js';
import type { HttpMethod, RequestPath, VendorHttp, VendorRequest } from '../../transport/types.js';
import type { CallOptions, WriteOptions } from '../call-options.js';
import type { CursorPage } from '../pages.js';
import { checkLimit, path } from '../path.js';
import { isRecord } from '../shape.js';
import {
  bare,
  data,
  dataList,
  dataOrBare,
  keyedList,
  NOT_FOUND,
  nextCursor,
  orNotFound,
} from './envelope.js';
import {
  isAttachment,
  isAutomation,
  isAutomationRun,
  isComment,
  isCustomer,
  isFeedback,
  isMergeResult,
  isNote,
  isProject,
  isRunResult,
  isUploadedMedia,
  isWebhook,
  isWidget,
  isWorkspace,
} from './guards.js';
import { USERHERO_MAX_AUTOMATION_LIMIT, USERHERO_MAX_PAGE_SIZE } from './limits.js';
import {
  mapAutomation,
  mapAutomationRun,
  mapComment,
  mapCustomer,
  mapFeedback,
  mapMergeResult,
  mapNote,
  mapProject,
  mapRunResult,
  mapUpload,
  mapUsage,
  mapWebhook,
  mapWidget,
  mapWorkspace,
} from './map.js';
import { multipartBody, type UploadFile } from './multipart.js';
import type {
  AddCommentInput,
  AddNoteInput,
  AutomationFilter,
  CreateCustomerInput,
  CreateFeedbackInput,
  CreateProjectInput,
  CreateWebhookInput,
  CreateWidgetInput,
  CustomerFilter,
  FeedbackFilter,
  UpdateCustomerInput,
  UpdateFeedbackInput,
  UpdateProjectInput,
  UpdateWidgetInput,
  WebhookPayload,
} from './requests.js';

interface Send {
  query?: VendorRequest['query'];
  json?: unknown;
  raw?: VendorRequest['raw'];
}

/**
 * UserHero's REST API, one vendor page per call (a list page shorter than `pageSize` is the
 * last). Envelopes are read in `envelope.ts`; DELETE answers 204, or 200 with a body nothing needs.
 */
export class UserHeroClient {
  readonly #http: VendorHttp;
  readonly #hooksPath: string;

  /** `hooksPath`: the incoming webhooks' base path on the API's origin (`/api/hooks`). */
  constructor(http: VendorHttp, options: { hooksPath?: string } = {}) {
    this.#http = http;
    this.#hooksPath = (options.hooksPath ?? '/api/hooks').replace(/\/+$/, '');
  }

  // Workspaces

  async workspaces(opts?: CallOptions): Promise<Workspace[]> {
    const op = 'workspaces.list';
    return dataList(op, await this.#send('GET', op, '/workspaces', {}, opts), isWorkspace).map(
      mapWorkspace,
    );
  }

  async workspace(id: string, opts?: CallOptions): Promise<Workspace> {
    const op = 'workspaces.get';
    // The docs spell this path in the singular, unlike the list.
    const body = await this.#send('GET', op, path`/workspace/${id}`, {}, opts);
    return mapWorkspace(data(op, body, isWorkspace));
  }

  async usage(workspaceId: string, opts?: CallOptions): Promise<WorkspaceUsage> {
    const op = 'workspaces.usage';
    const body = await this.#send('GET', op, path`/workspace/${workspaceId}/usage`, {}, opts);
    return mapUsage(workspaceId, data(op, body, isRecord));
  }

  // Feedback

  async listFeedback(
    filter: FeedbackFilter,
    page: number,
    pageSize: number,
    opts?: CallOptions,
  ): Promise<Feedback[]> {
    const op = 'feedback.list';
    const query = { ...filter, ...pageQuery(page, pageSize) };
    return dataList(op, await this.#send('GET', op, '/feedback', { query }, opts), isFeedback).map(
      mapFeedback,
    );
  }

  /** With its `customerComments` and `internalNotes`. */
  async getFeedback(workspaceId: string, id: string, opts?: CallOptions): Promise<Feedback> {
    const op = 'feedback.get';
    const body = await this.#send(
      'GET',
      op,
      path`/feedback/${id}`,
      { query: { workspaceId } },
      opts,
    );
    return mapFeedback(data(op, body, isFeedback));
  }

  /** Null when no feedback has this number. */
  async feedbackByTicket(
    workspaceId: string,
    ticketNumber: number,
    opts?: CallOptions,
  ): Promise<Feedback | null> {
    const op = 'feedback.byTicket';
    checkLimit('ticketNumber', ticketNumber, 1, Number.MAX_SAFE_INTEGER);
    const body = await orNotFound(
      this.#send(
        'GET',
        op,
        path`/feedback/number/${ticketNumber}`,
        { query: { workspaceId } },
        opts,
      ),
    );
    return body === NOT_FOUND ? null : mapFeedback(data(op, body, isFeedback));
  }

  async createFeedback(input: CreateFeedbackInput, opts?: WriteOptions): Promise<Feedback> {
    const op = 'feedback.create';
    const body = await this.#send('POST', op, '/feedback', { json: input }, opts);
    return mapFeedback(data(op, body, isFeedback));
  }

  async updateFeedback(
    id: string,
    input: UpdateFeedbackInput,
    opts?: CallOptions,
  ): Promise<Feedback> {
    const op = 'feedback.update';
    const body = await this.#send('PATCH', op, path`/feedback/${id}`, { json: input }, opts);
    return mapFeedback(data(op, body, isFeedback));
  }

  async deleteFeedback(workspaceId: string, id: string, opts?: CallOptions): Promise<void> {
    const op = 'feedback.delete';
    await this.#send('DELETE', op, path`/feedback/${id}`, { query: { workspaceId } }, opts);
  }

  /**
   * Streams the file as multipart/form-data. With `feedbackId` the answer is a conversation
   * attachment (`attachment` set); without, a media URL for a feedback's `screenshotUrl` etc.
   * Check the type and size first with `uploadProblem`.
   */
  async uploadMedia(
    input: { workspaceId: string; file: UploadFile; projectId?: string; feedbackId?: string },
    opts?: WriteOptions,
  ): Promise<UploadedMedia> {
    const op = 'feedback.upload';
    const raw = multipartBody(
      { projectId: input.projectId, feedbackId: input.feedbackId },
      input.file,
    );
    const query = { workspaceId: input.workspaceId };
    const body = await this.#send('POST', op, '/feedback/upload', { query, raw }, opts);
    const guard = input.feedbackId === undefined ? isUploadedMedia : isAttachment;
    return mapUpload(data(op, body, guard));
  }

  async listComments(feedbackId: string, opts?: CallOptions): Promise<Comment[]> {
    const op = 'comments.list';
    const body = await this.#send('GET', op, path`/feedback/${feedbackId}/comments`, {}, opts);
    return dataList(op, body, isComment).map(mapComment);
  }

  async addComment(
    feedbackId: string,
    input: AddCommentInput,
    opts?: WriteOptions,
  ): Promise<Comment> {
    const op = 'comments.add';
    const body = await this.#send(
      'POST',
      op,
      path`/feedback/${feedbackId}/comments`,
      { json: input },
      opts,
    );
    return mapComment(data(op, body, isComment));
  }

  async listNotes(feedbackId: string, opts?: CallOptions): Promise<Note[]> {
    const op = 'notes.list';
    const body = await this.#send('GET', op, path`/feedback/${feedbackId}/notes`, {}, opts);
    return dataList(op, body, isNote).map(mapNote);
  }

  async addNote(feedbackId: string, input: AddNoteInput, opts?: WriteOptions): Promise<Note> {
    const op = 'notes.add';
    const body = await this.#send(
      'POST',
      op,
      path`/feedback/${feedbackId}/notes`,
      { json: input },
      opts,
    );
    return mapNote(data(op, body, isNote));
  }

  // Projects

  async listProjects(workspaceId: string, opts?: CallOptions): Promise<Project[]> {
    const op = 'projects.list';
    const body = await this.#send('GET', op, '/projects', { query: { workspaceId } }, opts);
    return dataList(op, body, isProject).map(mapProject);
  }

  async createProject(input: CreateProjectInput, opts?: WriteOptions): Promise<Project> {
    const op = 'projects.create';
    const body = await this.#send('POST', op, '/projects', { json: input }, opts);
    return mapProject(data(op, body, isProject));
  }

  async getProject(workspaceId: string, id: string, opts?: CallOptions): Promise<Project> {
    const op = 'projects.get';
    const body = await this.#send(
      'GET',
      op,
      path`/projects/${id}`,
      { query: { workspaceId } },
      opts,
    );
    return mapProject(data(op, body, isProject));
  }

  async updateProject(id: string, input: UpdateProjectInput, opts?: CallOptions): Promise<Project> {
    const op = 'projects.update';
    const body = await this.#send('PATCH', op, path`/projects/${id}`, { json: input }, opts);
    return mapProject(data(op, body, isProject));
  }

  async deleteProject(workspaceId: string, id: string, opts?: CallOptions): Promise<void> {
    const op = 'projects.delete';
    await this.#send('DELETE', op, path`/projects/${id}`, { query: { workspaceId } }, opts);
  }

  // Widgets

  async listWidgets(
    workspaceId: string,
    projectId?: string,
    opts?: CallOptions,
  ): Promise<Widget[]> {
    const op = 'widgets.list';
    const body = await this.#send(
      'GET',
      op,
      '/widgets',
      { query: { workspaceId, projectId } },
      opts,
    );
    return dataList(op, body, isWidget).map(mapWidget);
  }

  async createWidget(input: CreateWidgetInput, opts?: WriteOptions): Promise<Widget> {
    const op = 'widgets.create';
    const body = await this.#send('POST', op, '/widgets', { json: input }, opts);
    return mapWidget(data(op, body, isWidget));
  }

  async getWidget(workspaceId: string, id: string, opts?: CallOptions): Promise<Widget> {
    const op = 'widgets.get';
    const body = await this.#send(
      'GET',
      op,
      path`/widgets/${id}`,
      { query: { workspaceId } },
      opts,
    );
    return mapWidget(data(op, body, isWidget));
  }

  async updateWidget(id: string, input: UpdateWidgetInput, opts?: CallOptions): Promise<Widget> {
    const op = 'widgets.update';
    const body = await this.#send('PATCH', op, path`/widgets/${id}`, { json: input }, opts);
    return mapWidget(data(op, body, isWidget));
  }

  async deleteWidget(workspaceId: string, id: string, opts?: CallOptions): Promise<void> {
    const op = 'widgets.delete';
    await this.#send('DELETE', op, path`/widgets/${id}`, { query: { workspaceId } }, opts);
  }

  // Incoming webhooks

  async listWebhooks(workspaceId: string, opts?: CallOptions): Promise<Webhook[]> {
    const op = 'webhooks.list';
    const body = await this.#send('GET', op, '/webhooks', { query: { workspaceId } }, opts);
    return dataList(op, body, isWebhook).map(mapWebhook);
  }

  /** The answer's `secret` is shown this once only. */
  async createWebhook(input: CreateWebhookInput, opts?: WriteOptions): Promise<Webhook> {
    const op = 'webhooks.create';
    const body = await this.#send('POST', op, '/webhooks', { json: input }, opts);
    return mapWebhook(data(op, body, isWebhook));
  }

  async deleteWebhook(workspaceId: string, id: string, opts?: CallOptions): Promise<void> {
    const op = 'webhooks.delete';
    await this.#send('DELETE', op, path`/webhooks/${id}`, { query: { workspaceId } }, opts);
  }

  // Customers

  async listCustomers(
    filter: CustomerFilter,
    page: number,
    pageSize: number,
    opts?: CallOptions,
  ): Promise<UserHeroCustomer[]> {
    const op = 'customers.list';
    const query = { ...filter, ...pageQuery(page, pageSize) };
    return dataList(op, await this.#send('GET', op, '/customers', { query }, opts), isCustomer).map(
      mapCustomer,
    );
  }

  /**
   * Exact lookup by email and/or phone (both given: both must name the same customer, else 409
   * `conflict`). Null when nobody matches.
   */
  async lookupCustomer(
    workspaceId: string,
    by: { email?: string; phone?: string },
    opts?: CallOptions,
  ): Promise<UserHeroCustomer | null> {
    const op = 'customers.lookup';
    const email = normalizeEmail(by.email) ?? undefined;
    const phone = by.phone?.trim() || undefined;
    // Without either, the same endpoint would answer a list instead.
    if (email === undefined && phone === undefined) {
      throw new TypeError('lookupCustomer needs an email or a phone');
    }
    const query = { workspaceId, email, phone };
    const body = await orNotFound(this.#send('GET', op, '/customers', { query }, opts));
    return body === NOT_FOUND ? null : mapCustomer(data(op, body, isCustomer));
  }

  /** With `notes`, `customFields`, `timezone`, `language` and `mergedCustomerIds`. */
  async getCustomer(id: string, opts?: CallOptions): Promise<UserHeroCustomer> {
    const op = 'customers.get';
    const body = await this.#send('GET', op, path`/customers/${id}`, {}, opts);
    return mapCustomer(data(op, body, isCustomer));
  }

  /** 409 `conflict` when the email or phone already belongs to a customer. */
  async createCustomer(input: CreateCustomerInput, opts?: WriteOptions): Promise<UserHeroCustomer> {
    const op = 'customers.create';
    const body = await this.#send('POST', op, '/customers', { json: input }, opts);
    return mapCustomer(data(op, body, isCustomer));
  }

  async updateCustomer(
    id: string,
    input: UpdateCustomerInput,
    opts?: CallOptions,
  ): Promise<UserHeroCustomer> {
    const op = 'customers.update';
    const body = await this.#send('PATCH', op, path`/customers/${id}`, { json: input }, opts);
    return mapCustomer(data(op, body, isCustomer));
  }

  async deleteCustomer(id: string, opts?: CallOptions): Promise<void> {
    await this.#send('DELETE', 'customers.delete', path`/customers/${id}`, {}, opts);
  }

  /** Moves the source customer into the target and deletes the source. */
  async mergeCustomers(
    targetId: string,
    sourceCustomerId: string,
    opts?: WriteOptions,
  ): Promise<CustomerMergeResult> {
    const op = 'customers.merge';
    const json = { sourceCustomerId };
    const body = await this.#send('POST', op, path`/customers/${targetId}/merge`, { json }, opts);
    return mapMergeResult(data(op, body, isMergeResult));
  }

  // Automations

  async listAutomations(
    filter: AutomationFilter,
    cursor: string | null,
    limit: number,
    opts?: CallOptions,
  ): Promise<CursorPage<Automation>> {
    const op = 'automations.list';
    checkLimit('limit', limit, 1, USERHERO_MAX_AUTOMATION_LIMIT);
    const query = { ...filter, cursor: cursor ?? undefined, limit };
    const body = await this.#send('GET', op, '/automations', { query }, opts);
    const items = keyedList(op, body, 'automations', isAutomation);
    return {
      items: items.map((a) => mapAutomation(a, filter.projectId)),
      nextCursor: nextCursor(op, body),
    };
  }

  async getAutomation(id: string, opts?: CallOptions): Promise<Automation> {
    const op = 'automations.get';
    const body = await this.#send('GET', op, path`/automations/${id}`, {}, opts);
    return mapAutomation(dataOrBare(op, body, isAutomation), null);
  }

  /** The last 50 runs, newest first. */
  async automationRuns(id: string, opts?: CallOptions): Promise<AutomationRun[]> {
    const op = 'automations.runs';
    const body = await this.#send('GET', op, path`/automations/${id}/runs`, {}, opts);
    return keyedList(op, body, 'runs', isAutomationRun).map((r) => mapAutomationRun(id, r));
  }

  /** Runs a `manual`-scope automation (a macro) on one feedback item. */
  async runMacro(id: string, feedbackId: string, opts?: WriteOptions): Promise<RunResult> {
    const op = 'automations.run';
    const json = { feedbackId };
    const body = await this.#send('POST', op, path`/automations/${id}/run`, { json }, opts);
    return mapRunResult(bare(op, body, isRunResult));
  }

  /**
   * Posts to an incoming webhook (`POST /api/hooks/{slug}`), signed as the docs show:
   * `X-Webhook-Signature: sha256=<HMAC-SHA256 of the exact body with the webhook's secret>`.
   * The secret only keys the HMAC: it is never sent, and the call carries no API key. Sent
   * once (a raw body is never retried): a webhook has no idempotency key.
   */
  async sendWebhook(
    slug: string,
    secret: string,
    payload: WebhookPayload,
    opts?: CallOptions,
  ): Promise<{ status: number }> {
    const text = JSON.stringify(payload);
    const signature = createHmac('sha256', secret).update(text).digest('hex');
    const bytes = Buffer.from(text, 'utf8');
    const res = await this.#http.request({
      method: 'POST',
      path: path`/${slug}`,
      basePath: this.#hooksPath,
      withoutAuth: true,
      headers: { 'x-webhook-signature': `sha256=${signature}` },
      raw: { contentType: 'application/json', body: Readable.from([bytes]), length: bytes.length },
      signal: opts?.signal,
      operation: 'hooks.send',
    });
    return { status: res.status };
  }

  async #send(
    method: HttpMethod,
    operation: string,
    requestPath: RequestPath,
    send: Send,
    opts: WriteOptions | undefined,
  ): Promise<unknown> {
    const res = await this.#http.request({
      method,
      path: requestPath,
      ...send,
      // Only a POST may carry one (the vendor ignores it elsewhere; the transport retries on it).
      idempotencyKey: method === 'POST' ? opts?.idempotencyKey : undefined,
      signal: opts?.signal,
      operation,
    });
    return res.body;
  }
}

function pageQuery(page: number, pageSize: number): { page: number; pageSize: number } {
  checkLimit('page', page, 1, Number.MAX_SAFE_INTEGER);
  checkLimit('pageSize', pageSize, 1, USERHERO_MAX_PAGE_SIZE);
  return { page, pageSize };
}
