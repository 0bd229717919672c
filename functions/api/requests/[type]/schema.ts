import { z } from 'zod';
import { requestType } from '../../../../packages/platform-portal/src/requests/index.ts';
import { withProblems } from '../../../../packages/platform-portal/src/http/answer.ts';
import { HttpProblem, json } from '../../../../packages/platform-portal/src/http/problems.ts';
import type { PagesHandler } from '../../../../packages/platform-portal/src/http/pages.ts';

/** GET /api/requests/{type}/schema: the request's JSON Schema and a valid example, for scripts and other tools. */
export const onRequestGet: PagesHandler = ({ params }) =>
  withProblems(async () => {
    const type = requestType(String(params.type));
    if (!type) throw new HttpProblem('unknown-type', `There is no request type "${String(params.type).slice(0, 40)}"; use onboarding, capacity or feedback.`);
    return json(200, {
      type: type.type,
      title: type.title,
      description: type.description,
      schema: z.toJSONSchema(type.schema, { io: 'input', unrepresentable: 'any' }),
      example: type.example,
    }, { 'cache-control': 'public, max-age=300' });
  });
