// Every endpoint the vendors' docs (../shared/vendors/) document, the client method that calls it
// and the GraphQL fields (or HTTP route) that reach that method. The README's endpoint table is
// rendered from this list, and test/contract/endpoint-table.test.ts holds both to the code.

export interface Endpoint {
  vendor: 'Userlane' | 'UserLoop' | 'UserHero' | 'Planhat';
  /** As the docs write it. */
  endpoint: string;
  /** `client.method`, one per endpoint (UserHero's GET /customers has two modes, two methods). */
  methods: string[];
  /** Schema coordinates (`Type.field`) whose resolvers reach the method, or an HTTP route. */
  fields: string[];
}

export const ENDPOINTS: Endpoint[] = [
  {
    vendor: 'Userlane',
    endpoint: 'GET /properties/{propertyId}/heart',
    methods: ['heart'],
    fields: ['Query.heartScores', 'Query.node'],
  },
  {
    vendor: 'Userlane',
    endpoint: 'GET /properties/{propertyId}/nps',
    methods: ['nps'],
    fields: ['Query.npsSummary', 'Query.npsResponses', 'Customer.npsResponses', 'Query.node'],
  },
  {
    vendor: 'Userlane',
    endpoint: 'GET /properties/{propertyId}/surveys/{surveyId}',
    methods: ['surveyResponses'],
    fields: [
      'Query.survey',
      'Survey.responses',
      'SurveyQuestion.breakdown',
      'SurveyQuestion.openResponses',
      'Customer.surveyResponses',
    ],
  },
  {
    vendor: 'Userlane',
    endpoint: 'GET /properties/{propertyId}/tags',
    methods: ['tags'],
    fields: ['Query.tags', 'Query.tagInteractions', 'Tag.interactions'],
  },
  {
    vendor: 'Userlane',
    endpoint: 'GET /properties/{propertyId}/tasks',
    methods: ['tasks'],
    fields: ['Query.tasks', 'Query.taskActivity', 'Task.activity'],
  },
  {
    vendor: 'Userlane',
    endpoint: 'GET /properties/{propertyId}/tasks/{taskId}/actions',
    methods: ['taskActions'],
    fields: ['Task.actions', 'Task.funnel'],
  },
  { vendor: 'UserLoop', endpoint: 'GET /health', methods: ['health'], fields: ['GET /readyz'] },
  {
    vendor: 'UserLoop',
    endpoint: 'GET /surveys',
    methods: ['surveys'],
    fields: ['Query.surveys', 'Query.npsSummary', 'Query.npsResponses'],
  },
  {
    vendor: 'UserLoop',
    endpoint: 'GET /surveys/{survey_id}',
    methods: ['survey'],
    fields: ['Survey.questions', 'Query.npsResponses'],
  },
  {
    vendor: 'UserLoop',
    endpoint: 'GET /responses?view=counts',
    methods: ['counts'],
    fields: ['SurveyQuestion.breakdown'],
  },
  {
    vendor: 'UserLoop',
    endpoint: 'GET /responses?view=open',
    methods: ['openResponses'],
    fields: ['SurveyQuestion.openResponses'],
  },
  {
    vendor: 'UserLoop',
    endpoint: 'GET /responses',
    methods: ['responses'],
    fields: [
      'Survey.responses',
      'Query.npsResponses',
      'Query.npsSummary',
      'Customer.surveyResponses',
    ],
  },
  {
    vendor: 'UserLoop',
    endpoint: 'GET /responses/{response_id}',
    methods: ['response'],
    fields: ['Query.node'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/workspaces',
    methods: ['workspaces'],
    fields: ['Query.workspaces'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/workspace/{id}',
    methods: ['workspace'],
    fields: ['Query.node'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/workspace/{id}/usage',
    methods: ['usage'],
    fields: ['Workspace.usage'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/feedback',
    methods: ['listFeedback'],
    fields: [
      'Query.feedback',
      'Workspace.feedback',
      'Project.feedback',
      'Customer.feedback',
      'UserHeroCustomer.feedback',
    ],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/feedback/{id}',
    methods: ['getFeedback'],
    fields: ['Query.node'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/feedback/number/{ticketNumber}',
    methods: ['feedbackByTicket'],
    fields: ['Query.feedbackByTicket'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'POST /api/v1/feedback',
    methods: ['createFeedback'],
    fields: ['Mutation.createFeedback'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'PATCH /api/v1/feedback/{id}',
    methods: ['updateFeedback'],
    fields: ['Mutation.updateFeedback'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'DELETE /api/v1/feedback/{id}',
    methods: ['deleteFeedback'],
    fields: ['Mutation.deleteFeedback'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'POST /api/v1/feedback/upload',
    methods: ['uploadMedia'],
    fields: ['Mutation.uploadFeedbackMedia'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/feedback/{id}/comments',
    methods: ['listComments'],
    fields: ['Feedback.comments'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'POST /api/v1/feedback/{id}/comments',
    methods: ['addComment'],
    fields: ['Mutation.addFeedbackComment'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/feedback/{id}/notes',
    methods: ['listNotes'],
    fields: ['Feedback.notes'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'POST /api/v1/feedback/{id}/notes',
    methods: ['addNote'],
    fields: ['Mutation.addFeedbackNote'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/projects',
    methods: ['listProjects'],
    fields: ['Workspace.projects', 'Feedback.customFields'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'POST /api/v1/projects',
    methods: ['createProject'],
    fields: ['Mutation.createProject'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/projects/{id}',
    methods: ['getProject'],
    fields: ['Query.node', 'Feedback.project'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'PATCH /api/v1/projects/{id}',
    methods: ['updateProject'],
    fields: ['Mutation.updateProject'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'DELETE /api/v1/projects/{id}',
    methods: ['deleteProject'],
    fields: ['Mutation.deleteProject'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/widgets',
    methods: ['listWidgets'],
    fields: ['Workspace.widgets', 'Project.widgets'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'POST /api/v1/widgets',
    methods: ['createWidget'],
    fields: ['Mutation.createWidget'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/widgets/{id}',
    methods: ['getWidget'],
    fields: ['Query.node', 'Feedback.widget'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'PATCH /api/v1/widgets/{id}',
    methods: ['updateWidget'],
    fields: ['Mutation.updateWidget'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'DELETE /api/v1/widgets/{id}',
    methods: ['deleteWidget'],
    fields: ['Mutation.deleteWidget'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/webhooks',
    methods: ['listWebhooks'],
    fields: ['Workspace.webhooks', 'Project.webhooks'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'POST /api/v1/webhooks',
    methods: ['createWebhook'],
    fields: ['Mutation.createWebhook'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'DELETE /api/v1/webhooks/{id}',
    methods: ['deleteWebhook'],
    fields: ['Mutation.deleteWebhook'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'POST /api/hooks/{slug}',
    methods: ['sendWebhook'],
    fields: ['Mutation.sendWebhookFeedback'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/customers (list, lookup)',
    methods: ['listCustomers', 'lookupCustomer'],
    fields: [
      'Query.userheroCustomers',
      'Workspace.customers',
      'Query.userheroCustomer',
      'Customer.profile',
    ],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/customers/{id}',
    methods: ['getCustomer'],
    fields: ['Query.node', 'UserHeroCustomer.notes'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'POST /api/v1/customers',
    methods: ['createCustomer'],
    fields: ['Mutation.createCustomer'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'PATCH /api/v1/customers/{id}',
    methods: ['updateCustomer'],
    fields: ['Mutation.updateCustomer'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'DELETE /api/v1/customers/{id}',
    methods: ['deleteCustomer'],
    fields: ['Mutation.deleteCustomer'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'POST /api/v1/customers/{targetId}/merge',
    methods: ['mergeCustomers'],
    fields: ['Mutation.mergeCustomers'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/automations',
    methods: ['listAutomations'],
    fields: ['Project.automations'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/automations/{id}',
    methods: ['getAutomation'],
    fields: ['Query.node'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'GET /api/v1/automations/{id}/runs',
    methods: ['automationRuns'],
    fields: ['Automation.runs'],
  },
  {
    vendor: 'UserHero',
    endpoint: 'POST /api/v1/automations/{id}/run',
    methods: ['runMacro'],
    fields: ['Mutation.runAutomation'],
  },
  {
    vendor: 'Planhat',
    endpoint: 'GET /nps',
    methods: ['listNps'],
    fields: ['Query.npsSummary', 'Query.npsResponses', 'Customer.companyNps'],
  },
  { vendor: 'Planhat', endpoint: 'GET /nps/{id}', methods: ['getNps'], fields: ['Query.node'] },
  {
    vendor: 'Planhat',
    endpoint: 'POST /nps',
    methods: ['createNps'],
    fields: ['Mutation.createNps'],
  },
  {
    vendor: 'Planhat',
    endpoint: 'PUT /nps/{id}',
    methods: ['updateNps'],
    fields: ['Mutation.updateNps'],
  },
  {
    vendor: 'Planhat',
    endpoint: 'DELETE /nps/{id}',
    methods: ['deleteNps'],
    fields: ['Mutation.deleteNps', 'Mutation.deleteNpsBySourceId'],
  },
  {
    vendor: 'Planhat',
    endpoint: 'PUT /nps (bulk upsert)',
    methods: ['bulkUpsertNps'],
    fields: ['Mutation.upsertNpsBatch'],
  },
];

/** The README's table, as rendered from ENDPOINTS. */
export function renderTable(): string {
  const rows = ENDPOINTS.map(
    (e) =>
      `| ${e.vendor} | \`${e.endpoint}\` | ${e.methods.map((m) => `\`${m}\``).join(', ')} | ${e.fields
        .map((f) => `\`${f}\``)
        .join(', ')} |`,
  );
  return [
    '| vendor | endpoint | client method | reached from |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}
