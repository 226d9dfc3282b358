// Workspaces, members, projects, widgets and webhooks: the fixed frame the volume data hangs on.
import { lowerChars, newId } from './ids.js';
import type {
  CustomFieldDefinition,
  Member,
  Project,
  UserHeroData,
  Widget,
  Workspace,
} from './model.js';
import { DEFAULT_PRIVACY } from './routes/projects.js';
import { newWebhook } from './routes/webhooks.js';
import type { ApiUser } from './state.js';

const DAY = 24 * 3600 * 1000;

export interface Frame {
  user: ApiUser;
  /** Once a member, no longer: macros assigning to them fail. */
  formerMember: Member;
  main: Workspace;
  second: Workspace;
  disabled: Workspace;
}

interface Tools {
  random: () => number;
  data: UserHeroData;
  at: (daysAgo: number) => string;
}

function member(random: () => number, name: string, role: Member['role']): Member {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@acme-support.example`;
  return { id: newId(random, 'user', 12), name, email, role };
}

function workspace(
  tools: Tools,
  fields: Pick<Workspace, 'name' | 'billingInterval' | 'apiAccessEnabled' | 'role'>,
  members: Member[],
  ageDays: number,
): Workspace {
  const ws: Workspace = {
    id: `ws_${lowerChars(tools.random, 12)}`,
    plan: 'pro',
    subscriptionStatus: 'active',
    members,
    nextTicketNumber: 1,
    createdAt: tools.at(ageDays),
    updatedAt: tools.at(ageDays / 4),
    ...fields,
  };
  tools.data.workspaces.set(ws.id, ws);
  return ws;
}

function project(
  tools: Tools,
  ws: Workspace,
  fields: Partial<Project> & Pick<Project, 'name'>,
  ageDays: number,
): Project {
  const p: Project = {
    id: newId(tools.random, 'proj', 12),
    workspaceId: ws.id,
    type: 'web',
    domain: null,
    bundleId: null,
    packageName: null,
    publicKey: `pk_live_${lowerChars(tools.random, 24)}`,
    privacySettings: { ...DEFAULT_PRIVACY },
    publicPortal: null,
    customFieldDefinitions: [],
    disabledDefaultFields: [],
    slaRules: [],
    customStatuses: [],
    customerCommentsEnabled: true,
    createdAt: tools.at(ageDays),
    updatedAt: tools.at(ageDays / 3),
    ...fields,
  };
  tools.data.projects.set(p.id, p);
  return p;
}

function webAppFields(random: () => number): CustomFieldDefinition[] {
  const id = (slug: string) => `cf_${slug}_${lowerChars(random, 5)}`;
  const area = id('area');
  return [
    { id: 'df_name', type: 'text', label: 'Name', required: false, isDefault: true },
    { id: 'df_email', type: 'email', label: 'Email', required: false, isDefault: true },
    {
      id: id('plan'),
      type: 'select',
      label: 'Plan',
      required: false,
      options: ['Free', 'Starter', 'Pro', 'Enterprise'],
    },
    {
      id: id('seats'),
      type: 'number',
      label: 'Seats',
      required: false,
      validation: { min: 1, max: 10000 },
    },
    {
      id: area,
      type: 'select',
      label: 'Product area',
      required: false,
      options: ['Billing', 'Reporting', 'Integrations', 'Mobile'],
    },
    {
      id: id('subarea'),
      type: 'select',
      label: 'Sub-area',
      required: false,
      options: [
        'Invoices',
        'Payments',
        'Dashboards',
        'Exports',
        'Slack',
        'Salesforce',
        'iOS',
        'Android',
      ],
      optionsByParent: {
        parentFieldId: area,
        map: {
          Billing: ['Invoices', 'Payments'],
          Reporting: ['Dashboards', 'Exports'],
          Integrations: ['Slack', 'Salesforce'],
          Mobile: ['iOS', 'Android'],
        },
      },
    },
    {
      id: id('integration'),
      type: 'text',
      label: 'Integration account id',
      required: true,
      placeholder: 'e.g. T024BE7LD',
      validation: { minLength: 3, maxLength: 40 },
      visibilityCondition: { fieldId: area, value: 'Integrations' },
    },
    {
      id: id('notes'),
      type: 'textarea',
      label: 'Notes',
      required: false,
      placeholder: 'Any additional context',
      validation: { maxLength: 1000 },
    },
  ];
}

function mobileFields(random: () => number, devices: string[]): CustomFieldDefinition[] {
  return [
    {
      id: `cf_version_${lowerChars(random, 5)}`,
      type: 'text',
      label: 'App version',
      required: false,
      validation: { maxLength: 20 },
    },
    {
      id: `cf_device_${lowerChars(random, 5)}`,
      type: 'select',
      label: 'Device',
      required: false,
      options: devices,
    },
  ];
}

function widget(
  tools: Tools,
  p: Project,
  name: string,
  config: Record<string, unknown>,
  enabled = true,
): Widget {
  const w: Widget = {
    id: newId(tools.random, 'wgt', 12),
    workspaceId: p.workspaceId,
    projectId: p.id,
    name,
    enabled,
    config,
    styling: { primaryColor: '#6366f1', position: 'bottom-right' },
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
  tools.data.widgets.set(w.id, w);
  return w;
}

function webhook(tools: Tools, ws: Workspace, name: string, projectId: string | null, age: number) {
  const hook = newWebhook(tools, { workspaceId: ws.id, projectId, name, createdAt: tools.at(age) });
  tools.data.webhooks.set(hook.id, hook);
}

export function seedFrame(random: () => number, now: Date, data: UserHeroData): Frame {
  const tools: Tools = {
    random,
    data,
    at: (daysAgo) => new Date(now.getTime() - Math.round(daysAgo * DAY)).toISOString(),
  };
  const owner = member(random, 'Alex Morgan', 'owner');
  const team = ['Priya Shah', 'Diego Alvarez', 'Mia Chen', 'Tom Becker', 'Sara Lindqvist'];
  const main = workspace(
    tools,
    { name: 'Acme Inc', billingInterval: 'yearly', apiAccessEnabled: true, role: 'owner' },
    [owner, ...team.map((name, i) => member(random, name, i === 0 ? 'admin' : 'agent'))],
    720,
  );
  const second = workspace(
    tools,
    { name: 'Acme Labs', billingInterval: 'monthly', apiAccessEnabled: true, role: 'admin' },
    [
      { ...owner, role: 'admin' },
      member(random, 'Noah Kim', 'owner'),
      member(random, 'Lena Vogel', 'agent'),
    ],
    300,
  );
  const disabled = workspace(
    tools,
    { name: 'Acme Legacy', billingInterval: 'yearly', apiAccessEnabled: false, role: 'owner' },
    [owner, member(random, 'Omar Haddad', 'agent')],
    1100,
  );

  const web = project(
    tools,
    main,
    {
      name: 'Web App',
      domain: 'app.acme.example',
      customFieldDefinitions: webAppFields(random),
      slaRules: [
        { priority: 'urgent', hours: 4 },
        { priority: 'high', hours: 24 },
        { priority: 'medium', hours: 72 },
        { priority: 'low', hours: 168 },
      ],
      customStatuses: [
        { id: 'waiting-on-customer', label: 'Waiting on customer', category: 'pending' },
        { id: 'planned', label: 'Planned', category: 'open' },
        { id: 'wont-fix', label: "Won't fix", category: 'closed' },
      ],
      publicPortal: {
        enabled: true,
        slug: 'acme',
        url: 'https://feedback.acme.example',
        showRoadmap: true,
      },
    },
    700,
  );
  const ios = project(
    tools,
    main,
    {
      name: 'iOS App',
      type: 'ios',
      bundleId: 'com.acme.app',
      customFieldDefinitions: mobileFields(random, ['iPhone', 'iPad']),
    },
    600,
  );
  const android = project(
    tools,
    main,
    {
      name: 'Android App',
      type: 'android',
      packageName: 'com.acme.android',
      customFieldDefinitions: mobileFields(random, ['Phone', 'Tablet', 'Chromebook']),
    },
    550,
  );
  const site = project(
    tools,
    main,
    {
      name: 'Marketing Site',
      domain: 'www.acme.example',
      disabledDefaultFields: ['df_phone', 'df_company'],
      customerCommentsEnabled: false,
    },
    400,
  );
  const labs = project(
    tools,
    second,
    { name: 'Internal Tools', domain: 'tools.acme.example' },
    280,
  );
  const legacy = project(
    tools,
    disabled,
    { name: 'Legacy Portal', domain: 'old.acme.example' },
    1000,
  );

  widget(tools, web, 'Feedback Button', { type: 'modal' });
  widget(tools, web, 'In-app Survey', { type: 'popover' });
  widget(tools, web, 'Bug Reporter', { type: 'modal', screenshot: true });
  widget(tools, ios, 'Shake to Report', { type: 'sheet', trigger: 'shake' });
  widget(tools, android, 'Android Feedback', { type: 'sheet' });
  widget(tools, site, 'Website Tab', { type: 'tab' }, false);
  widget(tools, labs, 'Tools Feedback', { type: 'modal' });
  widget(tools, legacy, 'Legacy Button', { type: 'modal' });

  webhook(tools, main, 'Zapier Integration', web.id, 200);
  webhook(tools, main, 'Support Inbox', null, 150);
  webhook(tools, main, 'CI Failures', ios.id, 90);
  webhook(tools, second, 'Labs Intake', labs.id, 100);

  return {
    user: { id: owner.id, name: owner.name, email: owner.email },
    formerMember: member(random, 'Jordan Lee', 'agent'),
    main,
    second,
    disabled,
  };
}
