/**
 * The platform's direction, above its roadmap: a mission (content/direction/mission.md) and the
 * goals the team works toward now (content/direction/goals/<id>.md), each with key results that
 * measure it. Roadmap items name the goal they serve (`goal:` in content/roadmap/<id>.md).
 */
import { z } from 'zod';
import { singleLine } from './text.ts';

/**
 * What a roadmap item names for upkeep that serves no goal (upgrades, renewals, clean-up): the
 * work is still on the roadmap, counted apart from the goals. No goal file may take this name.
 */
export const MAINTENANCE = 'maintenance';

export const MissionSchema = z
  .object({
    title: singleLine('title').min(1).max(120).describe('The mission in one line; the Markdown body says more.'),
  })
  .strict();

export const GoalStatusSchema = z
  .enum(['active', 'achieved', 'dropped'])
  .describe('active: worked toward now; achieved: its key results were met; dropped: no longer pursued.');

/** A year, a half or a quarter: 2027, 2027-H1, 2027-Q1. */
export const PeriodSchema = z
  .string()
  .regex(/^\d{4}(?:-H[12]|-Q[1-4])?$/, 'Use a year, a half or a quarter, e.g. 2027, 2027-H1 or 2027-Q1.')
  .describe('When the goal is to be met: a year, a half or a quarter.');

export const KeyResultSchema = z
  .object({
    title: singleLine('title').min(1).max(160).describe('What is measured, e.g. Days from onboarding request to first cluster.'),
    target: z.number().describe('The figure that meets the key result.'),
    current: z.number().describe('The figure now; update it when it is measured again.'),
    baseline: z.number().default(0).describe('The figure when the goal was set; progress runs from it to the target, down as well as up.'),
    unit: singleLine('unit').min(1).max(20).optional().describe('Unit of the figures, e.g. days or %.'),
  })
  .strict()
  .refine((kr) => kr.target !== kr.baseline, {
    message: 'The target equals the baseline (0 when not given), so progress cannot be measured; set baseline to the figure when the goal was set.',
    path: ['target'],
  });

export const GoalSchema = z
  .object({
    title: singleLine('title').min(1).max(120).describe('The outcome sought, in a few words, e.g. Teams self-serve their data infrastructure.'),
    period: PeriodSchema,
    status: GoalStatusSchema.default('active'),
    key_results: z.array(KeyResultSchema).min(1).max(6).describe('How the goal is measured: one to six figures, each with a target.'),
    owner: singleLine('owner').min(1).max(80).optional().describe('Who answers for the goal: a person or a team.'),
  })
  .strict();

export type Mission = z.output<typeof MissionSchema>;
export type Goal = z.output<typeof GoalSchema>;
export type GoalInput = z.input<typeof GoalSchema>;
export type KeyResult = z.output<typeof KeyResultSchema>;
export type GoalStatus = z.output<typeof GoalStatusSchema>;
