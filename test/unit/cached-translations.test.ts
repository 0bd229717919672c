import { describe, expect, it } from 'vitest';
import { cachedTranslations } from '../../packages/platform-portal/src/accel/cached-translations.ts';

type Translate = Parameters<typeof cachedTranslations>[0];

/** A `t` shaped like Starlight's (a function with all/exists/dir), counting its lookups. */
function starlightT(strings: Record<string, string>) {
  const calls = { count: 0 };
  const translate = (key: string, options?: Record<string, unknown>) => {
    calls.count++;
    return (strings[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options?.[name] ?? `{{${name}}}`));
  };
  const t = Object.assign(translate, { all: () => strings, exists: (key: string) => key in strings, dir: () => 'ltr' });
  return { t: t as unknown as Translate, calls };
}

describe('cachedTranslations', () => {
  it("answers what Starlight's t answers, looking each plain key up once across pages", () => {
    const { t, calls } = starlightT({ 'search.label': 'Search', 'page.count': '{{count}} pages' });
    for (let page = 0; page < 3; page++) {
      const cached = cachedTranslations(t);
      expect(cached('search.label')).toBe('Search');
      expect(cached('search.label')).toBe('Search');
    }
    expect(calls.count).toBe(1);
    const cached = cachedTranslations(t);
    expect(cached.all()).toEqual({ 'search.label': 'Search', 'page.count': '{{count}} pages' });
    expect(cached.exists('search.label')).toBe(true);
    expect(cached.dir()).toBe('ltr');
  });

  it('sends calls with options to the wrapped t every time, so interpolation still happens', () => {
    const { t, calls } = starlightT({ 'page.count': '{{count}} pages' });
    const cached = cachedTranslations(t);
    expect((cached as unknown as (key: string, options: object) => string)('page.count', { count: 3 })).toBe('3 pages');
    expect((cached as unknown as (key: string, options: object) => string)('page.count', { count: 4 })).toBe('4 pages');
    expect(calls.count).toBe(2);
  });

  it('keeps the strings of one dictionary apart from another', () => {
    const english = starlightT({ 'search.label': 'Search' });
    const french = starlightT({ 'search.label': 'Rechercher' });
    expect(cachedTranslations(english.t)('search.label')).toBe('Search');
    expect(cachedTranslations(french.t)('search.label')).toBe('Rechercher');
  });
});
