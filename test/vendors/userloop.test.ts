import { describe, expect, it } from 'vitest';
import type { VendorError } from '../../src/transport/vendor-error.js';
import { UserLoopClient } from '../../src/vendors/userloop/client.js';
import { rawResponseToNps } from '../../src/vendors/userloop/map.js';
import { userloopProfile } from '../../src/vendors/userloop/profile.js';
import { FakeHttp, queryString } from './fake-http.js';

function setup() {
  const http = new FakeHttp('userloop');
  return { http, client: new UserLoopClient(http) };
}

const rawRow = {
  id: 'abc123',
  unique_id: 'abc123',
  survey: 'sv1',
  question_id: 'q1',
  question_text: 'How likely...',
  creation_date: '2025-09-10T12:00:00Z',
  answer_id: 'a9',
  answer_text: '9',
  order_total: 99.99,
  currency: 'USD',
  recipient: 'Customer@Email.com',
  utm_source: 'newsletter',
};

describe('UserLoopClient', () => {
  it('asks for counts with comma-joined answer ids and dates', async () => {
    const { http, client } = setup();
    http.reply({
      body: {
        data: [
          {
            answer_id: 'a1',
            answer_text: '1',
            count: 75,
            percentage: 50,
            revenue: 15000,
            aov: 200,
            currency: 'USD',
          },
        ],
        meta: {
          survey_id: 'sv1',
          survey: 'Post Purchase',
          question: { id: 'q1', text: 'How satisfied?', type: 'CSAT' },
          totals: { responses: 150, unique_customers: 120, sum_responses: 150 },
          filters: { answer_ids: ['a1', 'a2'], start_date: '2025-09-01', end_date: '2025-09-30' },
        },
      },
    });
    const breakdown = await client.counts('sv1', 'q1', {
      answerIds: ['a1', 'a2'],
      range: { from: '2025-09-01', to: '2025-09-30' },
    });
    expect(http.last.path).toBe('/responses');
    expect(queryString(http.last)).toBe(
      'view=counts&survey_id=sv1&question_id=q1&answer_ids=a1%2Ca2&start_date=2025-09-01&end_date=2025-09-30',
    );
    expect(breakdown).toMatchObject({
      surveyTitle: 'Post Purchase',
      question: { id: 'q1', type: 'CSAT' },
      totalResponses: 150,
      uniqueCustomers: 120,
      answers: [{ answerId: 'a1', count: 75, percentage: 50, revenue: 15000, aov: 200 }],
    });
  });

  it('pages open responses by offset and lower-cases recipients', async () => {
    const { http, client } = setup();
    http.reply({
      body: {
        data: [
          {
            id: 'r1',
            recipient: 'Customer@Email.com',
            survey: 'sv1',
            creation_date: '2025-09-10T12:00:00Z',
            open_ended_response: 'Great product!',
            line_items: ['Product A'],
            line_items_count: 1,
            order_total: 199.99,
            currency: 'USD',
          },
        ],
        pagination: {
          total_count: 150,
          page_size: 50,
          current_page: 1,
          total_pages: 3,
          has_next_page: true,
          has_previous_page: false,
        },
        filters: {},
      },
    });
    const page = await client.openResponses('sv1', 'q1', undefined, 50, 50);
    expect(http.last.query).toMatchObject({ view: 'open', offset: 50, limit: 50 });
    expect(page.total).toBe(150);
    expect(page.hasNextPage).toBe(true);
    expect(page.items[0]).toMatchObject({
      recipient: 'customer@email.com',
      creationDate: '2025-09-10T12:00:00.000Z',
      openEndedResponse: 'Great product!',
      orderTotal: 199.99,
    });
  });

  it('allows a null total on raw responses and keeps undocumented keys', async () => {
    const { http, client } = setup();
    http.reply({
      body: {
        responses: [rawRow],
        pagination: { total_count: null, limit: 25, offset: 0, has_next_page: false },
      },
    });
    const page = await client.responses({ surveyId: 'sv1' }, 0, 25);
    expect(page.total).toBeNull();
    expect(page.hasNextPage).toBe(false);
    expect(page.items[0]).toMatchObject({
      surveyId: 'sv1',
      orderTotal: 99.99,
      extra: { utm_source: 'newsletter' },
    });
  });

  it('refuses a limit over 200', async () => {
    const { client } = setup();
    await expect(client.responses({}, 0, 201)).rejects.toThrow(RangeError);
  });

  it('reads one response from its envelope, escaping the id', async () => {
    const { http, client } = setup();
    http.reply({
      body: { response: { id: 'a/b', survey: 'sv1', question_id: 'q1', answer_text: '5' } },
    });
    const response = await client.response('a/b');
    expect(http.last.path).toEqual({ path: '/responses/a%2Fb', template: '/responses/{id}' });
    expect(response).toMatchObject({ id: 'a/b', answerText: '5', creationDate: null });
  });

  it('maps a survey with questions and answers', async () => {
    const { http, client } = setup();
    http.reply({
      body: {
        survey_id: 'sv1',
        survey: 'Post Purchase',
        company_id: 'c1',
        questions: [
          {
            question: 'How?',
            question_id: 'q1',
            type: 'NPS',
            answers: [{ answer: '1', answer_id: 'a1' }],
          },
        ],
      },
    });
    expect(await client.survey('sv1')).toEqual({
      id: 'sv1',
      title: 'Post Purchase',
      companyId: 'c1',
      questions: [
        {
          id: 'q1',
          surveyId: 'sv1',
          text: 'How?',
          type: 'NPS',
          answers: [{ id: 'a1', text: '1' }],
        },
      ],
    });
  });

  it('answers bad_response for wrong shapes', async () => {
    const { http, client } = setup();
    http.reply({ body: { responses: [rawRow] } }, { body: { surveys: {} } }, { body: [] });
    const kinds = await Promise.all([
      client.responses({}, 0, 10).catch((e: VendorError) => e.kind),
      client.surveys().catch((e: VendorError) => e.kind),
      client.health().catch((e: VendorError) => e.kind),
    ]);
    expect(kinds).toEqual(['bad_response', 'bad_response', 'bad_response']);
  });
});

describe('rawResponseToNps', () => {
  it('turns a 0..10 answer into an NPS record and skips others', async () => {
    const { http, client } = setup();
    http.reply({ body: { response: rawRow } });
    const response = await client.response('abc123');
    const record = rawResponseToNps(response);
    expect(record).toMatchObject({
      source: 'USERLOOP',
      id: 'abc123',
      score: 9,
      category: 'PROMOTER',
      email: 'customer@email.com',
      answeredAt: '2025-09-10T12:00:00.000Z',
      userloop: {
        surveyId: 'sv1',
        questionId: 'q1',
        answerId: 'a9',
        orderTotal: 99.99,
        currency: 'USD',
      },
    });
    expect(rawResponseToNps({ ...response, answerText: '0' })?.category).toBe('DETRACTOR');
    expect(rawResponseToNps({ ...response, answerText: 'Very good' })).toBeNull();
    expect(rawResponseToNps({ ...response, answerText: '11' })).toBeNull();
    expect(rawResponseToNps({ ...response, creationDate: null })).toBeNull();
  });
});

describe('userloopProfile', () => {
  const profile = userloopProfile({ apiKey: 'k1' });

  it('authenticates with X-API-Key', () => {
    expect(profile.authHeaders()).toEqual({ 'X-API-Key': 'k1' });
  });

  it('reads the error envelope, text and garbage', () => {
    expect(
      profile.parseError(403, {
        error: 'Forbidden',
        code: 'FORBIDDEN',
        detail: 'Survey not allowed for this key',
      }),
    ).toEqual({ code: 'FORBIDDEN', message: 'Survey not allowed for this key' });
    expect(profile.parseError(404, { error: 'Not found', code: 'NOT_FOUND' })).toEqual({
      code: 'NOT_FOUND',
      message: 'Not found',
    });
    expect(profile.parseError(502, 'Bad gateway')).toEqual({ message: 'Bad gateway' });
    for (const garbage of [undefined, 7, [], '', '{nope']) {
      expect(() => profile.parseError(500, garbage)).not.toThrow();
    }
  });
});
