type Translate = App.Locals['t'];

/**
 * The UI strings already looked up, by the dictionary they came from: one per language and per
 * translation system, so a dictionary that `astro dev` reloads starts a cache of its own.
 */
const looked = new WeakMap<object, Map<string, string>>();

/**
 * Starlight's `t` (an i18next function made for each page), answering a key it has already answered
 * from memory when it comes without options. A page asks for the same few dozen strings as every
 * other, and i18next's lookup and interpolation took ~1.1 ms a page: ~1.2 s of a 1,000-page
 * build's CPU. Calls with options (interpolation, counts) go to i18next every time.
 */
export function cachedTranslations(t: Translate): Translate {
  const dictionary: object = t.all();
  const known = looked.get(dictionary) ?? new Map<string, string>();
  looked.set(dictionary, known);
  const lookUp = t as unknown as (key: unknown, ...rest: unknown[]) => unknown;
  const translate = (key: unknown, ...rest: unknown[]): unknown => {
    if (rest.length > 0 || typeof key !== 'string') return lookUp(key, ...rest);
    const hit = known.get(key);
    if (hit !== undefined) return hit;
    const value = lookUp(key);
    if (typeof value === 'string') known.set(key, value);
    return value;
  };
  return Object.assign(translate, { all: t.all, exists: t.exists, dir: t.dir }) as unknown as Translate;
}
