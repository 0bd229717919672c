import { z } from 'zod';
import { findRequestType, unknownTypeMessage } from '../requests/registry.ts';
import { withProblems } from '../http/answer.ts';
import { HttpProblem, json } from '../http/problems.ts';
import type { PagesHandler } from '../http/pages.ts';
import type { PortalConfig } from '../schemas/site-config.ts';

/** GET /api/requests/{type}/schema: the request's JSON Schema and a valid example, for scripts and other tools. */
export const requestSchema = (portal: PortalConfig): PagesHandler => ({ params }) =>
  withProblems(async () => {
    const type = findRequestType(portal, String(params.type));
    if (!type) throw new HttpProblem('unknown-type', unknownTypeMessage(portal, String(params.type)));
    return json(200, {
      type: type.type,
      title: type.title,
      description: type.description,
      schema: z.toJSONSchema(type.schema, { io: 'input', unrepresentable: 'any' }),
      example: type.example,
    }, { 'cache-control': 'public, max-age=300' });
  });
